// What a client receives from a server is checked like any input: a message that does not
// match its schema (a newer server, a bug) is logged and dropped, never a crash.
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export interface Listener {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * Listens to one server message, checked against its schema first. A message that does
 * not match is logged and dropped; one that asks for an ack is answered with an error, so
 * the server does not wait for a timeout.
 */
export function listenChecked<S extends TSchema>(
  schema: S,
  socket: Listener,
  event: string,
  handle: (payload: Static<S>, ...ack: unknown[]) => void,
  warn: (message: string, detail: object) => void = (m, d) => console.warn(m, d),
): void {
  socket.on(event, (payload: unknown, ...rest: unknown[]) => {
    // Value.Check, not the compiled checker: the page's CSP forbids eval (script-src 'self').
    if (!Value.Check(schema, payload)) {
      const first = Value.Errors(schema, payload).First();
      const field = first?.path || '/';
      warn(`dropped a malformed ${event} from the server`, { field });
      const ack = rest[rest.length - 1];
      if (typeof ack === 'function') {
        ack({
          ok: false,
          error: {
            code: 'invalid_payload',
            message: `${event}: ${field} ${first?.message ?? 'is invalid'}`,
          },
        });
      }
      return;
    }
    try {
      handle(payload as Static<S>, ...rest);
    } catch (error) {
      // A screen's handler that throws must not take the protocol layer down with it.
      warn(`handling ${event} failed`, { err: String(error) });
    }
  });
}
