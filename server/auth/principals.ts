// Token → principal, with what a signature alone cannot say: that a classroom PC's
// enrolment was revoked since, or that a person's password changed (or the account was
// disabled) since the token was issued. Every edge (REST, live signaling, research
// minutes) asks here.
import type { Principal } from '../../shared/auth';
import type { AuthRepository } from '../store/auth/AuthRepository';
import type { SecurityRepository } from '../store/security/SecurityRepository';
import type { TokenIssuer } from './tokens';

export type ResolvePrincipal = (token: string) => Promise<Principal | undefined>;

export function principalResolver(
  tokens: TokenIssuer,
  devices: Pick<AuthRepository, 'device'>,
  now: () => number,
  versions: Pick<SecurityRepository, 'tokenVersion'> = { tokenVersion: async () => 0 },
): ResolvePrincipal {
  return async (token) => {
    const facts = tokens.inspect(token, now());
    if (!facts) return undefined;
    const principal = facts.principal;
    if (principal.role !== 'device') {
      // A person's token counts while it carries the account's current version; a link
      // token (one research room) is not an account's and ends with its session.
      if (principal.occurrenceId !== undefined) return principal;
      return facts.version === (await versions.tokenVersion(principal.sub)) ? principal : undefined;
    }
    // A device token lasts a year: it counts only while its enrolment stands.
    if (!principal.deviceId) return undefined;
    const device = await devices.device(principal.deviceId);
    const standing =
      device !== undefined &&
      device.revokedAt === undefined &&
      device.classroomId === principal.classroomId;
    return standing ? principal : undefined;
  };
}
