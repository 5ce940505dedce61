// One way of serving a catalogue of schemas on a socket, for /live and /research alike:
// every request is budgeted, validated against its schema in shared/ (never cast), given
// to its handler, and answered with one ack; what a handler throws is mapped to the ack's
// error in one place. Each namespace says only how its ack looks on the wire.
import type { TSchema } from '@sinclair/typebox';
import { check } from '../../shared/validation';

/** Why a request was refused: a reason code, a message people read, the field at fault. */
export interface Refusal {
  code: string;
  message: string;
  field?: string;
}

/** Requests a socket may make in a window (live: 50 a second; research: 300 in 10 s). */
export class RequestBudget {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #clock: () => number;
  #start: number;
  #used = 0;

  constructor(limit: number, windowMs: number, clock: () => number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#clock = clock;
    this.#start = clock();
  }

  get limit(): number {
    return this.#limit;
  }

  take(): boolean {
    const now = this.#clock();
    if (now - this.#start >= this.#windowMs) {
      this.#start = now;
      this.#used = 0;
    }
    return ++this.#used <= this.#limit;
  }
}

export interface Catalogue<Ctx> {
  /** request name → payload schema */
  requests: Record<string, TSchema>;
  handlers: Record<string, (ctx: Ctx, payload: never) => Promise<unknown>>;
  /** the wire shape of a reply */
  ack: { ok(data: unknown): unknown; refused(r: Refusal): unknown };
  /** what a handler threw, as the ack's refusal (the one mapping of errors for the edge) */
  toRefusal(error: unknown, request: string): Refusal;
  /** the refusal when the socket is over its budget */
  overBudget: Refusal;
  /** how a schema failure reads */
  invalid(request: string, field: string, message: string): Refusal;
  /** a request with a payload of null/undefined (defaults to a schema failure at `/`) */
  missing?(request: string): Refusal;
  /** checks a valid request before its handler (per-address join budget, node caps) */
  guard?(ctx: Ctx, request: string, payload: unknown): Refusal | undefined;
  /**
   * The answer to a request the catalogue does not name (absent: not answered), so the
   * client never waits for its timeout to learn that the server does not know it.
   */
  unknown?(event: string): Refusal;
  /** a request sent without an ack is ignored instead of served */
  ackRequired?: boolean;
}

/** The one ack shape of /live and /research (shared/signaling/events.ts `Ack`). */
export const ackShape: Catalogue<unknown>['ack'] = {
  ok: (data) => ({ ok: true, data }),
  refused: ({ code, message, field }) => ({
    ok: false,
    error: { code, message, ...(field ? { field } : {}) },
  }),
};

interface EventSource {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
}

export function serveCatalogue<Ctx>(
  socket: EventSource,
  catalogue: Catalogue<Ctx>,
  budget: RequestBudget,
  ctx: Ctx,
): void {
  const unknown = catalogue.unknown;
  if (unknown) {
    socket.onAny((event, ...args) => {
      if (Object.hasOwn(catalogue.requests, event)) return;
      const ack = args[args.length - 1];
      if (typeof ack === 'function') ack(catalogue.ack.refused(unknown(event)));
    });
  }
  for (const name of Object.keys(catalogue.requests)) {
    const schema = catalogue.requests[name]!;
    const handler = catalogue.handlers[name]!;
    socket.on(name, async (first: unknown, second: unknown) => {
      // Sent without a payload, the ack comes first: answer it, as a missing payload.
      const payloadless = typeof first === 'function' && second === undefined;
      const payload = payloadless ? undefined : first;
      const ack = payloadless ? first : second;
      if (typeof ack !== 'function' && catalogue.ackRequired) return;
      const reply = (typeof ack === 'function' ? ack : () => undefined) as (r: unknown) => void;
      const refuse = (r: Refusal) => reply(catalogue.ack.refused(r));
      if (!budget.take()) return refuse(catalogue.overBudget);
      if ((payload === undefined || payload === null) && catalogue.missing) {
        return refuse(catalogue.missing(name));
      }
      const checked = check(schema, payload);
      if (!checked.ok) {
        const e = checked.errors[0];
        return refuse(catalogue.invalid(name, e?.field ?? '/', e?.message ?? 'is invalid'));
      }
      const guarded = catalogue.guard?.(ctx, name, checked.value);
      if (guarded) return refuse(guarded);
      try {
        reply(catalogue.ack.ok(await handler(ctx, checked.value as never)));
      } catch (error) {
        refuse(catalogue.toRefusal(error, name));
      }
    });
  }
}
