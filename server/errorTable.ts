// One table from each failure type to what the edges answer: its HTTP status and its
// socket ack code. The socket edge (signaling/handlers.ts toSignalingError) reads it; a
// type not in it is unexpected: logged, answered `internal` / 500.
import type { ErrorCode } from '../shared/signaling/events';
import { RoomError } from './live/RoomError';
import { MediaGoneError } from './media/mediaErrors';
import { MediaLimitError } from './media/MediaPeer';
import { NoWorkerError } from './media/WorkerPool';

export interface Answer {
  status: number;
  ack: ErrorCode;
}

/** The HTTP status that matches each ack code. */
export const statusOfAck: Record<ErrorCode, number> = {
  invalid_payload: 400,
  unknown_request: 400,
  not_joined: 409,
  forbidden: 403,
  not_found: 404,
  room_full: 409,
  rate_limited: 429,
  media_error: 502,
  unavailable: 503,
  internal: 500,
};

type Row = [type: abstract new (...args: never[]) => Error, answer: (e: Error) => Answer];

const rows: Row[] = [
  [RoomError, (e) => ({ ack: (e as RoomError).code, status: statusOfAck[(e as RoomError).code] })],
  // A peer past its caps (transports, producers, consumers): refused, not broken.
  [MediaLimitError, () => ({ ack: 'forbidden', status: 403 })],
  // What the request was for is gone in the worker (closed meanwhile).
  [MediaGoneError, () => ({ ack: 'media_error', status: 409 })],
  [NoWorkerError, () => ({ ack: 'media_error', status: 503 })],
  // mediasoup refuses parameters it cannot use with a TypeError naming the problem.
  [TypeError, () => ({ ack: 'invalid_payload', status: 400 })],
];

/** How an edge answers this failure; undefined: it is unexpected (a bug). */
export function answerFor(error: unknown): Answer | undefined {
  if (!(error instanceof Error)) return undefined;
  for (const [type, answer] of rows) if (error instanceof type) return answer(error);
  return undefined;
}
