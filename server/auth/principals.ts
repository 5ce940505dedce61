// Token → principal, with what a signature alone cannot say: that a classroom PC's
// enrolment was revoked since. Every edge (REST, live signaling, research minutes) asks here.
import type { Principal } from '../../shared/auth';
import type { AuthRepository } from '../store/auth/AuthRepository';
import type { TokenIssuer } from './tokens';

export type ResolvePrincipal = (token: string) => Promise<Principal | undefined>;

export function principalResolver(
  tokens: TokenIssuer,
  devices: Pick<AuthRepository, 'device'>,
  now: () => number,
): ResolvePrincipal {
  return async (token) => {
    const principal = tokens.verify(token, now());
    if (principal?.role !== 'device') return principal;
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
