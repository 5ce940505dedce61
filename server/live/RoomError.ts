import type { ErrorCode } from '../../shared/signaling/events';

/**
 * A refused request, named by its reason code (the ack's `error.code`) and, for a bad
 * field, its path. Thrown by the room's rules; the socket edge turns it into the ack.
 */
export class RoomError extends Error {
  override name = 'RoomError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
