// 批注 on a screen that watches (the classroom's projector, the 巡课 view): the current
// page asked for whole on every (re)join, then kept by the server's messages, drawn over
// the shared screen's tile in `container` — or, for a blank whiteboard page with no screen
// shared, on a whiteboard tile of its own (placed the same way in a recording's playback).
import type { LiveRoomClient } from '../LiveRoomClient';
import { h } from '../dom';
import { AnnotationOverlay } from './overlay';
import { AnnotationReplica } from './replica';

export interface ShownAnnotations {
  replica: AnnotationReplica;
  dispose(): void;
}

/** Keeps the replica in step with the room: a snapshot after each join or resume. */
export function followAnnotations(client: LiveRoomClient, replica: AnnotationReplica): () => void {
  const sync = () => {
    client
      .request('annotationState', {})
      .then((snapshot) => replica.reset(snapshot))
      .catch(() => undefined); // the next (re)join asks again
  };
  const offs = [
    client.on('state', (state) => state === 'joined' && sync()),
    client.on('annotation', (message) => replica.apply(message)),
  ];
  if (client.state === 'joined') sync();
  return () => offs.forEach((off) => off());
}

/** Where the strokes go now, and the whiteboard tile for a blank page with no screen. */
export interface AnnotationPlacement {
  whiteboard: HTMLElement;
  /** Draws on the screen's tile, the whiteboard's, or nowhere, as the moment wants. */
  place(): void;
  dispose(): void;
}

/**
 * Draws the replica's strokes over the screen's tile when one is shown (`screen()`), or, for
 * a blank page with none, on a whiteboard tile that `showWhiteboard` puts on the screens (or
 * takes away). Shared by the live screens and the recording's playback.
 */
export function placeAnnotations(
  replica: AnnotationReplica,
  screen: () => HTMLElement | undefined,
  showWhiteboard: (tile: HTMLElement, shown: boolean) => void,
): AnnotationPlacement {
  const whiteboard = h(
    'div',
    { class: 'tile whiteboard', 'data-source': 'whiteboard' },
    h('div', { class: 'caption', text: '白板 Whiteboard' }),
  );
  let overlay: AnnotationOverlay | undefined;
  let host: HTMLElement | undefined;

  const place = () => {
    const shown = screen();
    const blank = replica.page?.background === 'blank';
    const wanted = shown ?? (blank ? whiteboard : undefined);
    showWhiteboard(whiteboard, wanted === whiteboard);
    if (wanted === host) {
      overlay?.layout();
      return;
    }
    overlay?.dispose();
    host = wanted;
    overlay = wanted
      ? new AnnotationOverlay(replica, wanted, wanted.querySelector('video') ?? undefined)
      : undefined;
  };
  const offPage = replica.onChange((change) => change.kind === 'page' && place());
  place();
  return {
    whiteboard,
    place,
    dispose() {
      offPage();
      overlay?.dispose();
      showWhiteboard(whiteboard, false);
    },
  };
}

export function showAnnotations(client: LiveRoomClient, container: HTMLElement): ShownAnnotations {
  const replica = new AnnotationReplica();
  const stopFollowing = followAnnotations(client, replica);
  const placement = placeAnnotations(
    replica,
    () => container.querySelector<HTMLElement>(':scope > .tile[data-source="screen"]') ?? undefined,
    (whiteboard, shown) => {
      if (!shown) whiteboard.remove();
      else if (!whiteboard.isConnected) container.append(whiteboard);
      container.classList.toggle('with-whiteboard', shown);
    },
  );
  // Tiles come and go as consumers do: the screen's tile is found when it is added.
  const tiles = new MutationObserver(placement.place);
  tiles.observe(container, { childList: true });

  return {
    replica,
    dispose() {
      tiles.disconnect();
      stopFollowing();
      placement.dispose();
    },
  };
}
