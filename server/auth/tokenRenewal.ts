// Tokens renewed over the live socket before they run out: a teacher signed in at 07:00
// teaches her evening lesson, a classroom PC enrolled a year ago keeps joining, and
// neither is thrown out of a lesson by an expiry (reliability.md).
import type { TokenReply } from '../../shared/auth';
import type { Accounts } from './accounts';
import type { ResolvePrincipal } from './principals';
import type { TokenIssuer } from './tokens';

export interface TokenRenewal {
  /** When this valid token should be replaced (ms since epoch); undefined if it never is. */
  dueAt(token: string): number | undefined;
  /** A fresh token for the same bearer, unless it may no longer have one (a revoked PC). */
  renew(token: string): Promise<TokenReply | undefined>;
}

/** Once three quarters of its life are gone: a 12-hour login at 9 h, a device's year at 9 months. */
export function renewalDueAt(issuedAt: number, expiresAt: number): number {
  return expiresAt - (expiresAt - issuedAt) / 4;
}

export function tokenRenewal(
  tokens: TokenIssuer,
  resolvePrincipal: ResolvePrincipal,
  accounts: Pick<Accounts, 'reissue'>,
  now: () => number,
): TokenRenewal {
  return {
    dueAt(token) {
      const facts = tokens.inspect(token, now());
      // Invitation links are made for one research session and end with it.
      if (!facts || facts.issuedAt === undefined || facts.principal.occurrenceId !== undefined)
        return undefined;
      return renewalDueAt(facts.issuedAt, facts.expiresAt);
    },
    async renew(token) {
      if (this.dueAt(token) === undefined) return undefined;
      const principal = await resolvePrincipal(token);
      return principal ? accounts.reissue(principal) : undefined;
    },
  };
}
