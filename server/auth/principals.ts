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
  /** the ids of a district's communities, now (a district account's scope) */
  districtCommunities: (district: string) => Promise<string[]> = async () => [],
): ResolvePrincipal {
  return async (token) => {
    const facts = tokens.inspect(token, now());
    if (!facts) return undefined;
    const principal = facts.principal;
    if (principal.role !== 'device') {
      // A person's token counts while it carries the account's current version; a link
      // token (one research room) is not an account's and ends with its session.
      if (principal.occurrenceId !== undefined) return principal;
      if (facts.version !== (await versions.tokenVersion(principal.sub))) return undefined;
      // A district reads every community of its district, however many and however new:
      // its token names the district, and the communities are looked up on each use.
      if (principal.role === 'district')
        return {
          ...principal,
          communityIds: principal.district ? await districtCommunities(principal.district) : [],
        };
      return principal;
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
