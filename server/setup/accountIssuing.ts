// How a coordinator hands a person her account: a password shown once, or an invitation
// link (works once, 7 days) where she chooses her own. A reset does the same and ends every
// session of the account at once (the token version, server/auth/accounts.ts). No HTTP here.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { AccountInfo, AccountIssued, Delivery } from '../../shared/setup';
import type { TokenReply } from '../../shared/auth';
import { Accounts } from '../auth/accounts';
import type { UserRecord } from '../store/auth/AuthRepository';
import type { SecurityRepository } from '../store/security/SecurityRepository';

export const invitationTtlMs = 7 * 24 * 3_600_000;
export const invitationPath = '/setup/welcome.html';

// No 0/O, 1/l/I: the password is read aloud or copied from a screen.
const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function oneTimePassword(length = 10): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

// Invitation codes live beside the sign-in codes, hashed under their own prefix: an
// invitation cannot be traded at /auth/exchange, nor a sign-in code accepted as one.
const invitationHash = (code: string) =>
  createHash('sha256').update(`invitation:${code}`).digest('hex');

type Codes = Pick<SecurityRepository, 'addSignInCode' | 'consumeSignInCode' | 'disabledAt'>;

export class AccountIssuing {
  constructor(
    private readonly accounts: Accounts,
    private readonly codes: Codes,
    private readonly now: () => number,
  ) {}

  async info(user: UserRecord): Promise<AccountInfo> {
    const disabledAt = await this.accounts.disabledAt(user.id);
    return {
      id: user.id,
      login: user.login,
      name: user.name,
      role: user.role,
      communityIds: user.communityIds,
      createdAt: user.createdAt,
      ...(user.teacherId ? { teacherId: user.teacherId } : {}),
      ...(user.schoolId ? { schoolId: user.schoolId } : {}),
      ...(disabledAt !== undefined ? { disabledAt } : {}),
    };
  }

  /** A new password for the account (old sessions end), handed over as `delivery` says. */
  async issue(user: UserRecord, delivery: Delivery): Promise<AccountIssued> {
    const password = oneTimePassword(delivery === 'password' ? 10 : 32);
    await this.accounts.setPassword(user.id, password);
    const account = await this.info(user);
    if (delivery === 'password') return { account, password };
    const code = randomBytes(24).toString('base64url');
    const issuedAt = this.now();
    const expiresAt = issuedAt + invitationTtlMs;
    await this.codes.addSignInCode(invitationHash(code), {
      principal: Accounts.principalOf(user),
      issuedAt,
      expiresAt,
      tokenExpiresAt: expiresAt,
    });
    return { account, invitation: { code, path: invitationPath, expiresAt } };
  }

  /**
   * The invited person's own password, and her first session; undefined for a code unknown,
   * used, expired, or of an account disabled since.
   */
  async accept(code: string, newPassword: string): Promise<TokenReply | undefined> {
    const record = await this.codes.consumeSignInCode(invitationHash(code), this.now());
    if (!record) return undefined;
    const user = await this.accounts.userById(record.principal.sub);
    if (!user || (await this.accounts.disabledAt(user.id)) !== undefined) return undefined;
    await this.accounts.setPassword(user.id, newPassword);
    return this.accounts.reissue(Accounts.principalOf(user));
  }
}
