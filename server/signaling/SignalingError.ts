import type { ErrorCode } from '../../shared/signaling/events';

/** A refused request; becomes `{ ok: false, error }` in the ack, in one place (attach.ts). */
export class SignalingError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
