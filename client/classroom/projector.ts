// The projector follows the layout the teacher chose (held by the server, arrange.ts
// decides where each video goes): it marks the screens with the layout shown and each
// tile with its place; classroom.css draws them. A hidden tile is reported hidden by its
// VideoTile, so the server pauses what nobody sees.
import type { LiveRoomClient } from '../lib/LiveRoomClient';
import { arrange, type TileRole } from './arrange';

export interface Projector {
  /** Places the tiles again (a tile came or went, the layout or the stage changed). */
  apply(): void;
  dispose(): void;
}

export function projector(client: LiveRoomClient, screens: HTMLElement): Projector {
  const roleOf = (tile: HTMLElement, hasScreen: boolean): TileRole => {
    const { peer, source } = tile.dataset;
    const role = client.peers.find((p) => p.peerId === peer)?.role;
    if (source === 'screen') return 'courseware';
    // A blank whiteboard page (批注 with nothing shared) is the courseware of the moment.
    if (source === 'whiteboard') return hasScreen ? 'other' : 'courseware';
    // The blackboard camera is the courseware while no screen is shared.
    if (source === 'blackboard') return hasScreen ? 'other' : 'courseware';
    if (source === 'camera' && role === 'teacher') return 'teacher';
    if (source === 'camera' && peer === client.session?.stagePeerId) return 'stage';
    return 'other';
  };
  const apply = () => {
    const tiles = [...screens.querySelectorAll<HTMLElement>(':scope > .tile[data-source]')];
    const hasScreen = tiles.some((t) => t.dataset.source === 'screen');
    const keyed = tiles.map((element, i) => ({
      id: String(i),
      role: roleOf(element, hasScreen),
      element,
    }));
    const chosen = client.session?.controls?.layout.layout ?? 'teacher';
    // The teacher opened a whiteboard page with nothing shared: like a share, it is shown
    // large (the server switches layouts for a share only; the page is the client's).
    const whiteboard = !hasScreen && tiles.some((t) => t.dataset.source === 'whiteboard');
    const layout = whiteboard && chosen === 'teacher' ? 'courseware' : chosen;
    const { shown, places } = arrange(layout, keyed);
    screens.dataset.layout = shown;
    for (const { id, element } of keyed) element.dataset.place = places.get(id) ?? 'hidden';
  };
  // A tile coming or going (a whiteboard page appears without any room event) re-arranges.
  const tilesChanged = new MutationObserver(() => apply());
  tilesChanged.observe(screens, { childList: true });
  const offs = [
    () => tilesChanged.disconnect(),
    client.on('layout', apply),
    client.on('stage', apply),
    client.on('peers', apply),
    client.on('joined', apply),
  ];
  return {
    apply,
    dispose: () => offs.forEach((off) => off()),
  };
}
