// 批注 on a screen that watches (the classroom's projector, the 巡课 view): the current
// page asked for whole on every (re)join, then kept by the server's messages, drawn over
// the shared screen's tile in `container` — or, for a blank whiteboard page with no screen
// shared, on a whiteboard tile of its own.
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

export function showAnnotations(client: LiveRoomClient, container: HTMLElement): ShownAnnotations {
  const replica = new AnnotationReplica();
  const stopFollowing = followAnnotations(client, replica);
  const whiteboard = h(
    'div',
    { class: 'tile whiteboard', 'data-source': 'whiteboard' },
    h('div', { class: 'caption', text: '白板 Whiteboard' }),
  );
  let overlay: AnnotationOverlay | undefined;
  let host: HTMLElement | undefined;

  const place = () => {
    const screen = container.querySelector<HTMLElement>(':scope > .tile[data-source="screen"]');
    const blank = replica.page?.background === 'blank';
    const wanted = screen ?? (blank ? whiteboard : undefined);
    if (blank && !screen) {
      if (!whiteboard.isConnected) container.append(whiteboard);
    } else whiteboard.remove();
    container.classList.toggle('with-whiteboard', wanted === whiteboard);
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
  // Tiles come and go as consumers do: the screen's tile is found when it is added.
  const tiles = new MutationObserver(place);
  tiles.observe(container, { childList: true });
  const offPage = replica.onChange((change) => change.kind === 'page' && place());
  place();

  return {
    replica,
    dispose() {
      tiles.disconnect();
      offPage();
      stopFollowing();
      overlay?.dispose();
      whiteboard.remove();
    },
  };
}
