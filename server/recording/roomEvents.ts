// The lesson's events as the difference between two looks at the room: pure, so the
// rules are tested without a server.
import type { LessonEvent } from '../../shared/recording';
import type { LayoutState } from '../../shared/signaling/roomControls';

export interface RoomLook {
  stagePeerId: string | null;
  /** what the projectors show (absent: a room without layouts) */
  layout?: LayoutState;
  peers: Map<string, { displayName: string; role: string; handRaised: boolean; shares: string[] }>;
}

export const emptyLook = (): RoomLook => ({ stagePeerId: null, peers: new Map() });

const SHARES = ['screen', 'blackboard'] as const;

export function eventsBetween(before: RoomLook, after: RoomLook, at: number): LessonEvent[] {
  const events: LessonEvent[] = [];
  for (const [peerId, p] of after.peers) {
    const was = before.peers.get(peerId);
    if (!was) {
      events.push({ at, type: 'joined', peerId, displayName: p.displayName, role: p.role });
    }
    if (p.handRaised !== (was?.handRaised ?? false)) {
      events.push({ at, type: 'hand', peerId, displayName: p.displayName, raised: p.handRaised });
    }
    for (const source of SHARES) {
      const now = p.shares.includes(source);
      if (now !== (was?.shares.includes(source) ?? false)) {
        events.push({ at, type: now ? 'share_started' : 'share_stopped', source, peerId });
      }
    }
  }
  for (const [peerId, was] of before.peers) {
    if (after.peers.has(peerId)) continue;
    for (const source of SHARES) {
      if (was.shares.includes(source)) {
        events.push({ at, type: 'share_stopped', source, peerId });
      }
    }
    events.push({ at, type: 'left', peerId, displayName: was.displayName, role: was.role });
  }
  if (after.stagePeerId !== before.stagePeerId) {
    const name = after.stagePeerId ? after.peers.get(after.stagePeerId)?.displayName : undefined;
    events.push({
      at,
      type: 'stage',
      peerId: after.stagePeerId,
      ...(name ? { displayName: name } : {}),
    });
  }
  const layout = after.layout;
  if (layout && layout.layout !== (before.layout?.layout ?? 'teacher')) {
    events.push({ at, type: 'layout', layout: layout.layout, cause: layout.cause });
  }
  return events;
}
