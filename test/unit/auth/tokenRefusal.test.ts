// Why a refused token is refused: the code a classroom PC acts on.
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth';
import { TokenIssuer } from '../../../server/auth/tokens';
import { refusalExplainer } from '../../../server/auth/tokenRefusal';

const tokens = new TokenIssuer('test-secret-test-secret-test-secret');
const device: Principal = {
  sub: 'room-gaolou-1',
  role: 'device',
  name: '高楼',
  communityIds: ['ruian-p-18'],
  classroomId: 'room-gaolou-1',
  deviceId: 'dev-1',
};
const now = 1_000_000;
const standing = { deviceId: 'dev-1', classroomId: 'room-gaolou-1' };

function explain(record: object | undefined) {
  return refusalExplainer(tokens, { device: async () => record as never }, () => now);
}

describe('refusalExplainer', () => {
  it('says device_revoked for a revoked, removed or moved PC, even once expired', async () => {
    const valid = tokens.sign(device, 60_000, now);
    const expired = tokens.sign(device, 1, now - 10);
    expect(await explain({ ...standing, revokedAt: now - 1 })(valid)).toBe('device_revoked');
    expect(await explain(undefined)(valid)).toBe('device_revoked');
    expect(await explain({ ...standing, classroomId: 'other' })(valid)).toBe('device_revoked');
    expect(await explain({ ...standing, revokedAt: now - 1 })(expired)).toBe('device_revoked');
  });

  it('says token_expired for a standing PC whose token ran out, unauthorized for a forgery', async () => {
    const expired = tokens.sign(device, 1, now - 10);
    expect(await explain(standing)(expired)).toBe('token_expired');
    expect(await explain(standing)(`${expired}x`)).toBe('unauthorized');
    expect(await explain(standing)('garbage')).toBe('unauthorized');
  });
});
