// One table from each failure to what the edges answer: its reason code, and through the
// code (server/errors/codes.ts) its HTTP status and socket ack code. Both edges read it:
// the HTTP error handler (http/errorHandler.ts) and the socket edge (signaling/handlers.ts
// toSignalingError, for /live and /research). A failure not in it is unexpected (a bug):
// logged, answered `internal` / 500, its text kept out of the answer.
import { failureCodes, type Answer, type FailureCode } from './errors/codes';
import { Failure } from './errors/Failure';
import { LessonActionError } from './lessons/LessonLifecycle';
import { MediaGoneError } from './media/mediaErrors';
import { MediaLimitError } from './media/MediaPeer';
import { NoWorkerError } from './media/WorkerPool';
import { InvalidUpdateError } from './research/MinutesService';

export type { Answer } from './errors/codes';

/** A failure as both edges answer it. */
export interface Refusal extends Answer {
  code: FailureCode | (string & {});
  message: string;
  field?: string;
  details?: unknown;
  /** a refusal of who asks, worth a warning in the log (who, what, where) */
  audit?: boolean;
  /** false: not a refusal but a bug; the message is generic, the error must be logged */
  expected: boolean;
}

type Translation = Omit<Refusal, keyof Answer | 'expected'> & { code: FailureCode };
type Row = [type: abstract new (...args: never[]) => Error, translate: (e: never) => Translation];

/** Which edge asks: a few failures reach only one of them. */
export type Edge = 'http' | 'socket';

const as = (code: FailureCode, e: Error, more: Partial<Translation> = {}): Translation => ({
  code,
  message: e.message,
  ...more,
});

const rows: Row[] = [
  [
    Failure,
    (e: Failure) => ({
      code: e.code,
      message: e.message,
      ...(e.field !== undefined ? { field: e.field } : {}),
      ...(e.details !== undefined ? { details: e.details } : {}),
    }),
  ],
  // Who may not is a 403 carrying the reason as its message (the client words it from
  // shared/messages.ts); a wrong moment is the reason itself.
  [
    LessonActionError,
    (e: LessonActionError) =>
      e.reason === 'wrong_community' || e.reason === 'not_lesson_teacher'
        ? { code: 'forbidden', message: e.reason, audit: true }
        : as(e.reason, e),
  ],
  [InvalidUpdateError, (e: Error) => as('invalid_update', e, { field: '/update' })],
  [MediaLimitError, (e: Error) => as('media_limit', e)],
  [MediaGoneError, (e: Error) => as('media_gone', e)],
  [NoWorkerError, (e: Error) => as('no_worker', e)],
];

// mediasoup refuses parameters it cannot use with a TypeError naming the problem; media is
// asked for over the socket only, so over HTTP a TypeError stays what it is there: a bug.
const socketRows: Row[] = [[TypeError, (e: Error) => as('invalid_payload', e)]];

const INTERNAL = '服务器内部错误，请稍后再试 internal server error';

function unexpected(): Refusal {
  return { ...failureCodes.internal, code: 'internal', message: INTERNAL, expected: false };
}

/** How both edges answer this failure; an unexpected one is `internal`, without its text. */
export function refusalFor(error: unknown, edge: Edge = 'socket'): Refusal {
  if (!(error instanceof Error)) return unexpected();
  for (const [type, translate] of edge === 'socket' ? [...rows, ...socketRows] : rows) {
    if (!(error instanceof type)) continue;
    const t = translate(error as never);
    // A code the table does not know is a bug where it was thrown, not a refusal.
    const row: (Answer & { says?: string }) | undefined = failureCodes[t.code];
    if (!row) return unexpected();
    return { ...t, code: row.says ?? t.code, status: row.status, ack: row.ack, expected: true };
  }
  return unexpected();
}

/** The status and ack code of this failure; undefined: it is unexpected (a bug). */
export function answerFor(error: unknown, edge: Edge = 'socket'): Answer | undefined {
  const r = refusalFor(error, edge);
  return r.expected ? { status: r.status, ack: r.ack } : undefined;
}
