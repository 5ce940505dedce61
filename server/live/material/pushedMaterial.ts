// What the teacher has pushed to every projector, held by the room (not by any client):
// a classroom that joins or comes back is told it with its session state, and a push
// reaches everyone in the room at once. Kept beside the room rather than in it, so the
// room's own file stays about people and media.
import type { PushedMaterial } from '../../../shared/signaling/material';
import type { Material } from '../../../shared/lessons';
import type { LiveRoom } from '../LiveRoom';
import type { Participant } from '../Participant';
import type { LivePorts } from '../ports';
import { RoomError } from '../RoomError';

const pushed = new WeakMap<LiveRoom, PushedMaterial>();

/** What the room's projectors show now, or null. */
export function pushedMaterialOf(room: LiveRoom<LivePorts>): PushedMaterial | null {
  return pushed.get(room as LiveRoom) ?? null;
}

/** Only the teacher of a lesson room pushes material. */
export function assertMayPush<P extends LivePorts>(room: LiveRoom<P>, by: Participant<P>): void {
  if (by.role !== 'teacher')
    throw new RoomError('forbidden', 'only the teacher pushes material to the classrooms');
  if (room.kind !== 'lesson')
    throw new RoomError('forbidden', 'material is pushed in a lesson', '/materialId');
}

/**
 * The teacher pushes `material` to every projector (null takes it off). Only the teacher of
 * a lesson room; the material was looked up as the lesson's by the caller.
 */
export function pushMaterial<P extends LivePorts>(
  room: LiveRoom<P>,
  by: Participant<P>,
  material: Material | null,
  now: number,
): PushedMaterial | null {
  assertMayPush(room, by);
  const key = room as unknown as LiveRoom;
  const next: PushedMaterial | null = material
    ? {
        materialId: material.id,
        kind: material.kind,
        fileName: material.fileName,
        mimeType: material.mimeType,
        pushedAt: now,
      }
    : null;
  if (next) pushed.set(key, next);
  else pushed.delete(key);
  for (const p of room.participants.values())
    p.connection.send('materialPushed', { material: next });
  return next;
}
