// Who receives what in a live room: one pure function, the product's rules in one place.
import type { LiveRole, MediaSource, RoomKind } from '../../shared/signaling/events';

export interface RoomView {
  kind: RoomKind;
  stagePeerId: string | null;
}

export interface PeerView {
  peerId: string;
  role: LiveRole;
  /** the classroom a classroom PC stands for (its token's), if any */
  classroomId?: string | undefined;
}

/**
 * Lesson rules: every member classroom receives all of the teacher's tracks and the
 * classroom on stage, never another classroom's audio otherwise (no cacophony, no echo
 * loops); the teacher receives every classroom's video and audio; an observer (巡课) sees
 * everything and hears the teacher and the stage. A classroom's second PC (viewer) shows
 * what its classroom sees, without sound (its loudspeakers would be an echo the first PC's
 * canceller cannot remove) and never its own classroom. Research meetings: everyone
 * receives everyone.
 */
export function shouldReceive(
  room: RoomView,
  viewer: PeerView,
  owner: PeerView,
  source: MediaSource,
): boolean {
  if (viewer.peerId === owner.peerId) return false;
  if (room.kind === 'research') return true;
  if (viewer.role === 'viewer') {
    const seen = owner.role === 'teacher' || room.stagePeerId === owner.peerId;
    const ownRoom = owner.classroomId !== undefined && owner.classroomId === viewer.classroomId;
    return seen && source !== 'mic' && !ownRoom;
  }
  if (owner.role === 'teacher') return true;
  if (owner.role !== 'classroom') return false;
  const onStage = room.stagePeerId === owner.peerId;
  const audio = source === 'mic';
  switch (viewer.role) {
    case 'teacher':
      return true;
    case 'observer':
      return !audio || onStage;
    case 'classroom':
      return onStage;
    default:
      return false;
  }
}

/**
 * The simulcast layer a new consumer starts at, before the client's layout says better:
 * a classroom in the teacher's wall is a small tile (lowest layer) unless it is on stage.
 */
export function initialSpatialLayer(
  room: RoomView,
  owner: PeerView,
  source: MediaSource,
): number | undefined {
  if (source !== 'camera') return undefined;
  if (owner.role === 'classroom' && room.stagePeerId !== owner.peerId) return 0;
  if (room.kind === 'research') return 0;
  return undefined;
}
