// Compact signed tokens (HMAC-SHA256 over a JSON payload): enough for one server or a
// few nodes sharing the secret, without a JWT library's algorithm negotiation to get wrong.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Principal } from '../../shared/auth';
import { check } from '../../shared/validation';

interface Payload {
  p: Principal;
  /** issued at, ms since epoch (absent in tokens made before it was added) */
  iat?: number;
  /** expiry, ms since epoch */
  exp: number;
  /** the account's token version when issued (absent: 0); a bumped version ends it */
  v?: number;
}

/** What a valid token says: who, and for how long. */
export interface TokenFacts {
  principal: Principal;
  issuedAt: number | undefined;
  expiresAt: number;
  /** the account's token version it was issued under */
  version: number;
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

  sign(principal: Principal, ttlMs: number, now: number, version = 0): string {
    const payload: Payload = { p: principal, iat: now, exp: now + ttlMs };
    if (version !== 0) payload.v = version;
    const body = b64(JSON.stringify(payload));
    return `${body}.${this.#mac(body)}`;
  }

  /** The principal, or undefined for a forged, malformed or expired token. */
  verify(token: string, now: number): Principal | undefined {
    return this.inspect(token, now)?.principal;
  }

  /** What a valid token says, or undefined for a forged, malformed or expired one. */
  inspect(token: string, now: number): TokenFacts | undefined {
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
    const { exp, iat, p, v } = (payload ?? {}) as Partial<Payload>;
    if (typeof exp !== 'number' || exp <= now) return undefined;
    const principal = check(Principal, p);
    if (!principal.ok) return undefined;
    return {
      principal: principal.value,
      issuedAt: typeof iat === 'number' ? iat : undefined,
      expiresAt: exp,
      version: typeof v === 'number' ? v : 0,
    };
  }

  /**
   * A token good for one scope only (one recording's files), for a URL a <video> element
   * loads by itself and cannot add a header to: it names no one, opens nothing else, and
   * is refused as a login token (it carries no principal).
   */
  signScope(scope: string, ttlMs: number, now: number): string {
    const body = b64(JSON.stringify({ s: scope, exp: now + ttlMs }));
    return `${body}.${this.#mac(body)}`;
  }

  /** Whether `token` is a scope token for exactly `scope`, signed here and not expired. */
  verifyScope(token: string, scope: string, now: number): boolean {
    const [body, mac] = token.split('.');
    if (!body || !mac) return false;
    const expected = Buffer.from(this.#mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    try {
      const { s, exp } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
        s?: unknown;
        exp?: unknown;
      };
      return s === scope && typeof exp === 'number' && exp > now;
    } catch {
      return false;
    }
  }
}
