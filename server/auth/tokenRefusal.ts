// Why a token that was shown is refused, as a machine code in the 401: a classroom PC
// must know whether its enrolment was revoked (enrol again: a person is needed) or
// whether it should simply keep trying (anything else). Asked only for a refused token.
import type { AuthRepository } from '../store/auth/AuthRepository';
import type { TokenIssuer } from './tokens';

export type TokenRefusal =
  /** a classroom PC's enrolment was revoked (or is gone): its token will never count again */
  | 'device_revoked'
  /** a signed token past its expiry */
  | 'token_expired'
  /** forged, malformed, or ended by a password change */
  | 'unauthorized';

export type ExplainRefusal = (token: string) => Promise<TokenRefusal>;

export function refusalExplainer(
  tokens: TokenIssuer,
  devices: Pick<AuthRepository, 'device'>,
  now: () => number,
): ExplainRefusal {
  return async (token) => {
    // Signed here, whenever it expires: what it says can be trusted.
    const facts = tokens.inspect(token, Number.NEGATIVE_INFINITY);
    if (!facts) return 'unauthorized';
    const p = facts.principal;
    if (p.role === 'device' && p.deviceId) {
      const device = await devices.device(p.deviceId);
      if (!device || device.revokedAt !== undefined || device.classroomId !== p.classroomId) {
        return 'device_revoked';
      }
    }
    return facts.expiresAt <= now() ? 'token_expired' : 'unauthorized';
  };
}
