// The 批注 of a live room: one board per room (kept beside the room, not in it, and gone
// with it), the role rule, the fan-out of each change to everyone else in the room (the
// teacher's page drew it already), and the room's typed `annotation` event for the lesson
// log. Knows the room's ports only: no socket.io here.
import type { LiveRoom } from '../LiveRoom';
import type { Participant } from '../Participant';
import type { LivePorts } from '../ports';
import type { PageSnapshot } from '../../../shared/signaling/annotation';
import { AnnotationBoard, annotationRefusal, type BoardChange } from './AnnotationBoard';

const boards = new WeakMap<object, AnnotationBoard>();

/** The room's board, made on first need (page 1, on the shared screen). */
export function boardOf(room: object): AnnotationBoard {
  let board = boards.get(room);
  if (!board) {
    board = new AnnotationBoard();
    boards.set(room, board);
  }
  return board;
}

/** The page the room shows now: its board's, or a new board's (none is kept for it). */
export function shownAnnotation(room: object): PageSnapshot {
  return (boards.get(room) ?? new AnnotationBoard()).snapshot();
}

/**
 * Applies one change of the teacher's to the room's board: refused (RoomError) before
 * anything changes if she may not, else sent to every other participant connected now and
 * emitted for the log. Whoever is away gets the page whole when it asks again on its return.
 */
export function annotate<P extends LivePorts, R extends BoardChange>(
  room: LiveRoom<P>,
  by: Participant<P>,
  change: (board: AnnotationBoard) => R,
): R {
  const refusal = annotationRefusal(by.role, room.kind);
  if (refusal) throw refusal;
  const result = change(boardOf(room));
  for (const p of room.participants.values()) {
    if (p === by || p.detachedAt !== undefined) continue;
    p.connection.send('annotation', result.message);
  }
  for (const event of result.log) room.emit('annotation', event);
  return result;
}
