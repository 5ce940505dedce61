import type { ErrorCode } from '../../shared/signaling/events';
import { Failure } from '../errors/Failure';

/**
 * A refused request, named by its reason code (the ack's `error.code`) and, for a bad
 * field, its path. Thrown by the room's rules; the socket edge turns it into the ack.
 */
export class RoomError extends Failure {
  override name = 'RoomError';
  declare readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(code, message, field === undefined ? {} : { field });
  }
}
