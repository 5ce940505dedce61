// Who may publish what in a live room: pure, so each rule is tested without media.
import type { LiveRole, MediaSource } from '../../shared/signaling/events';
import { sendsMedia } from '../../shared/signaling/roles';
import type { PublishedTrack } from './ports';
import { RoomError } from './RoomError';

/**
 * Why this participant may not publish this track now; undefined when it may. What it
 * already publishes is asked last (its media may be gone: that refusal is the caller's).
 */
export function publishRefusal(
  role: LiveRole,
  track: { kind: 'audio' | 'video'; source: MediaSource },
  published: () => readonly PublishedTrack[],
): RoomError | undefined {
  if (!sendsMedia(role)) return new RoomError('forbidden', `a ${role} does not send media`);
  const teacherOnly = track.source === 'screen' || track.source === 'blackboard';
  if (teacherOnly && role === 'classroom') {
    return new RoomError('forbidden', `only the teacher shares a ${track.source}`, '/source');
  }
  if ((track.source === 'mic') !== (track.kind === 'audio')) {
    return new RoomError(
      'invalid_payload',
      `source ${track.source} does not match kind ${track.kind}`,
      '/source',
    );
  }
  if (published().some((t) => t.source === track.source)) {
    return new RoomError(
      'forbidden',
      `a ${track.source} is already published; close it first`,
      '/source',
    );
  }
  return undefined;
}
