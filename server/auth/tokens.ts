// Compact signed tokens (HMAC-SHA256 over a JSON payload): enough for one server or a
// few nodes sharing the secret, without a JWT library's algorithm negotiation to get wrong.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Principal } from '../../shared/auth';
import { check } from '../../shared/validation';

interface Payload {
  p: Principal;
  /** expiry, ms since epoch */
  exp: number;
}

const b64 = (s: Buffer | string) => Buffer.from(s).toString('base64url');

export class TokenIssuer {
  readonly #secret: Buffer;

  constructor(secret: Buffer | string) {
    this.#secret = Buffer.from(secret);
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#secret).update(body).digest('base64url');
  }

  sign(principal: Principal, ttlMs: number, now: number): string {
    const body = b64(JSON.stringify({ p: principal, exp: now + ttlMs } satisfies Payload));
    return `${body}.${this.#mac(body)}`;
  }

  /** The principal, or undefined for a forged, malformed or expired token. */
  verify(token: string, now: number): Principal | undefined {
    const [body, mac] = token.split('.');
    if (!body || !mac) return undefined;
    const expected = Buffer.from(this.#mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const { exp, p } = (payload ?? {}) as Partial<Payload>;
    if (typeof exp !== 'number' || exp <= now) return undefined;
    const principal = check(Principal, p);
    return principal.ok ? principal.value : undefined;
  }
}
