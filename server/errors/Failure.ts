// The one error type of a refused request: a reason code from ./codes.ts (which also says
// its HTTP status and socket ack code), a message people read (Chinese first where it is
// written for them), the field at fault, details for the client (conflicts, bad rows).
import type { FailureCode } from './codes';

export interface FailureDetails {
  /** the offending field's path (`/update`, `body/currentPassword`) */
  field?: string;
  /** machine-readable specifics, sent as the HTTP body's `details` */
  details?: unknown;
}

export class Failure extends Error {
  override name = 'Failure';
  readonly code: FailureCode;
  readonly field?: string;
  readonly details?: unknown;

  constructor(code: FailureCode, message: string, more: FailureDetails = {}) {
    super(message);
    this.code = code;
    if (more.field !== undefined) this.field = more.field;
    if (more.details !== undefined) this.details = more.details;
  }
}
