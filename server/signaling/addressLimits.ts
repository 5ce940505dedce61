// Per client address: how many signaling sockets it holds, how many joins it makes a
// minute. A school's PCs share one NAT address, so the budgets are generous; a script
// from one address still cannot fill the node.
import type { IncomingMessage } from 'node:http';

/**
 * The client's address: the socket's peer, or, when that peer is a trusted reverse proxy,
 * the last address the proxy appended to X-Forwarded-For.
 */
export function clientAddress(req: IncomingMessage, trusted: readonly string[]): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  const plain = peer.startsWith('::ffff:') ? peer.slice(7) : peer;
  if (!trusted.includes(plain) && !trusted.includes(peer)) return plain;
  const header = req.headers['x-forwarded-for'];
  const list = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  const last = list[list.length - 1]?.trim();
  return last || plain;
}

/** Events per address per fixed one-minute window; the map is dropped each window. */
export class PerMinuteBudget {
  readonly #limit: number;
  readonly #monotonic: () => number;
  #windowStart: number;
  #used = new Map<string, number>();

  constructor(limit: number, monotonic: () => number = () => performance.now()) {
    this.#limit = limit;
    this.#monotonic = monotonic;
    this.#windowStart = monotonic();
  }

  /** False once the address has used its budget for this minute. */
  take(address: string): boolean {
    const now = this.#monotonic();
    if (now - this.#windowStart >= 60_000) {
      this.#windowStart = now;
      this.#used = new Map();
    }
    const used = (this.#used.get(address) ?? 0) + 1;
    this.#used.set(address, used);
    return used <= this.#limit;
  }
}

/** Open sockets per address: a slot is taken at the handshake and given back at close. */
export class ConnectionSlots {
  readonly #limit: number;
  readonly #open = new Map<string, number>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Takes a slot; false (and nothing taken) when the address holds its limit already. */
  take(address: string): boolean {
    const open = this.#open.get(address) ?? 0;
    if (open >= this.#limit) return false;
    this.#open.set(address, open + 1);
    return true;
  }

  give(address: string): void {
    const open = (this.#open.get(address) ?? 0) - 1;
    if (open <= 0) this.#open.delete(address);
    else this.#open.set(address, open);
  }

  held(address: string): number {
    return this.#open.get(address) ?? 0;
  }
}

/**
 * The handshake's check (socket.io `allowRequest`): a slot per open socket, refused before
 * any session exists, so a flood costs one small HTTP answer per attempt. A handshake that
 * was allowed but never became a connection gives its slot back after a while.
 */
export function socketSlotGuard(
  engine: { on(event: 'connection', listener: (socket: EngineSocket) => void): unknown },
  slots: ConnectionSlots,
  trusted: readonly string[],
): (req: IncomingMessage) => boolean {
  const taken = new WeakMap<IncomingMessage, string>();
  engine.on('connection', (socket) => {
    const address = taken.get(socket.request);
    if (address === undefined) return;
    taken.delete(socket.request);
    socket.once('close', () => slots.give(address));
  });
  return (req) => {
    const address = clientAddress(req, trusted);
    if (!slots.take(address)) return false;
    taken.set(req, address);
    setTimeout(() => {
      if (taken.get(req) !== address) return;
      taken.delete(req);
      slots.give(address);
    }, 30_000).unref();
    return true;
  };
}

interface EngineSocket {
  request: IncomingMessage;
  once(event: 'close', listener: () => void): unknown;
}
