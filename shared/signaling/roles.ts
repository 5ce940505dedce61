// Which roles send media and which are seen by the others: asked by the room's rules and by
// the clients alike.
import type { LiveRole } from './events';

/** An observer (巡课) and a classroom's second PC (辅助屏) only receive. */
export function sendsMedia(role: LiveRole): boolean {
  return role !== 'observer' && role !== 'viewer';
}

/**
 * Nobody but an observer learns that an observer or a second PC is in the room: not in the
 * peer list, not by an event, not on the teacher's wall (a classroom is one tile however
 * many screens it has).
 */
export function unseen(role: LiveRole): boolean {
  return role === 'observer' || role === 'viewer';
}
