// One-time sign-in codes: what a link carries instead of a bearer token. A link lands in
// browser history, proxy logs and Referer headers; a code that worked once and expires soon
// is worth nothing there. The screen trades it for a token and drops it from the address bar.
import { createHash, randomBytes } from 'node:crypto';
import type { Principal, TokenReply } from '../../shared/auth';
import type { SecurityRepository } from '../store/security/SecurityRepository';
import type { TokenIssuer } from './tokens';

type Repo = Pick<SecurityRepository, 'addSignInCode' | 'consumeSignInCode' | 'tokenVersion'>;

const hash = (code: string) => createHash('sha256').update(code).digest('hex');

export class SignInCodes {
  constructor(
    private readonly repo: Repo,
    private readonly tokens: TokenIssuer,
    private readonly now: () => number,
  ) {}

  /** A code that gives, once and before `codeTtlMs` passes, a token lasting until `tokenExpiresAt`. */
  async mint(principal: Principal, codeTtlMs: number, tokenExpiresAt: number): Promise<string> {
    const code = randomBytes(24).toString('base64url');
    const issuedAt = this.now();
    await this.repo.addSignInCode(hash(code), {
      principal,
      tokenExpiresAt,
      issuedAt,
      expiresAt: Math.min(issuedAt + codeTtlMs, tokenExpiresAt),
    });
    return code;
  }

  /** The token, or undefined for a code unknown, used already or expired. */
  async exchange(code: string): Promise<TokenReply | undefined> {
    const now = this.now();
    const record = await this.repo.consumeSignInCode(hash(code), now);
    if (!record || record.tokenExpiresAt <= now) return undefined;
    const { principal } = record;
    // A person's token carries the account's version (principals.ts); a link token has none.
    const version =
      principal.role === 'device' || principal.occurrenceId !== undefined
        ? 0
        : await this.repo.tokenVersion(principal.sub);
    const ttl = record.tokenExpiresAt - now;
    return {
      token: this.tokens.sign(principal, ttl, now, version),
      expiresAt: record.tokenExpiresAt,
      principal,
    };
  }
}
