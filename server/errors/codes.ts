// Every reason code a request can be refused with, and what each edge answers for it: the
// HTTP status (server/http/errorHandler.ts) and the socket ack code (/live and /research,
// server/signaling/). The one place a failure becomes a status or an ack code: add a code
// here, throw a Failure (./Failure.ts) with it, and both edges know it.
import type { ErrorCode } from '../../shared/signaling/events';

export interface Answer {
  status: number;
  ack: ErrorCode;
}

interface Row extends Answer {
  /** the code the client reads, when two failures share one (kept for older clients) */
  says?: string;
}

const row = (status: number, ack: ErrorCode, says?: string): Row =>
  says === undefined ? { status, ack } : { status, ack, says };
/** a refusal of the request in the state things are in (the lesson, the series…) */
const refused = row(409, 'forbidden');

export const failureCodes = {
  // The request itself is wrong.
  invalid_request: row(400, 'invalid_payload'),
  invalid_payload: row(400, 'invalid_payload'),
  unknown_request: row(400, 'unknown_request'),
  unsupported_type: row(400, 'invalid_payload'),
  invalid_rows: row(400, 'invalid_payload'),
  /** a password change whose current password does not match (a field at fault) */
  wrong_current_password: row(400, 'forbidden', 'bad_credentials'),
  invalid_update: row(400, 'invalid_update'),
  too_large: row(413, 'invalid_payload'),
  classroom_not_in_community: row(422, 'invalid_payload'),
  // Who asks.
  unauthorized: row(401, 'forbidden'),
  /** a login with a wrong password or an unknown name (alike) */
  bad_credentials: row(401, 'forbidden'),
  account_disabled: row(401, 'forbidden'),
  /** an enrolment or sign-in code that is unknown, used or expired */
  bad_code: row(401, 'forbidden'),
  forbidden: row(403, 'forbidden'),
  wrong_community: row(403, 'forbidden'),
  not_lesson_teacher: row(403, 'forbidden'),
  /** a peer past its media caps (transports, producers, consumers): refused, not broken */
  media_limit: row(403, 'forbidden'),
  // What it is about.
  not_found: row(404, 'not_found'),
  not_exported: row(404, 'not_found'),
  // The state things are in.
  not_joined: row(409, 'not_joined'),
  room_full: row(409, 'room_full'),
  read_only: row(409, 'read_only'),
  exists: refused,
  login_taken: refused,
  room_taken: refused,
  own_account: refused,
  // set-up: a phone number another teacher has; a school still named by lessons
  phone_taken: refused,
  in_use: refused,
  conflict: refused,
  conflicts: refused,
  stale: refused,
  not_started: refused,
  still_recording: refused,
  // The lesson's lifecycle (server/lessons/teacherActions.ts).
  too_early: refused,
  already_live: refused,
  lesson_over: refused,
  not_live: refused,
  beyond_late_limit: refused,
  in_the_past: refused,
  research_not_open: refused,
  // The 一张表's negotiation (server/timetable/negotiation.ts).
  objection_open: refused,
  hard_conflicts: refused,
  answers_pending: refused,
  not_draft: refused,
  not_proposed: refused,
  no_member_school: refused,
  not_asked: refused,
  comment_required: refused,
  // Too much, or not now.
  rate_limited: row(429, 'rate_limited'),
  /** what a media request was for is gone in the worker (closed meanwhile) */
  media_gone: row(409, 'media_error'),
  media_error: row(502, 'media_error'),
  /** no media worker is left to place a room on */
  no_worker: row(503, 'media_error'),
  unavailable: row(503, 'unavailable'),
  store_unavailable: row(503, 'unavailable'),
  internal: row(500, 'internal'),
} satisfies Record<string, Row>;

export type FailureCode = keyof typeof failureCodes;

export function isFailureCode(code: string): code is FailureCode {
  return Object.hasOwn(failureCodes, code);
}
