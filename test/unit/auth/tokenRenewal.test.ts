import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth';
import { renewalDueAt, tokenRenewal } from '../../../server/auth/tokenRenewal';
import { TokenIssuer } from '../../../server/auth/tokens';

const now = 1_000_000;
const tokens = new TokenIssuer('test-secret');
const teacher: Principal = {
  sub: 'u-wang',
  role: 'teacher',
  name: '王老师',
  communityIds: ['ruian-p-18'],
  teacherId: 'teacher-wang',
};
const reissue = async (p: Principal) => ({ token: `fresh:${p.sub}`, expiresAt: 0, principal: p });

describe('token renewal', () => {
  it('is due once three quarters of a token’s life are gone', () => {
    expect(renewalDueAt(0, 12 * 3_600_000)).toBe(9 * 3_600_000);
    expect(renewalDueAt(1_000, 5_000)).toBe(4_000);
  });

  it('renews a valid token for the same bearer', async () => {
    const renewal = tokenRenewal(
      tokens,
      async () => teacher,
      { reissue },
      () => now,
    );
    const token = tokens.sign(teacher, 4_000, now);
    expect(renewal.dueAt(token)).toBe(now + 3_000);
    expect(await renewal.renew(token)).toMatchObject({ token: 'fresh:u-wang' });
  });

  it('does not renew what may no longer be renewed', async () => {
    const revoked = tokenRenewal(
      tokens,
      async () => undefined,
      { reissue },
      () => now,
    );
    expect(await revoked.renew(tokens.sign(teacher, 4_000, now))).toBeUndefined();
    const renewal = tokenRenewal(
      tokens,
      async (t) => tokens.verify(t, now),
      { reissue },
      () => now,
    );
    // An invitation link ends with its research session.
    const link = tokens.sign({ ...teacher, occurrenceId: 'o-1' }, 4_000, now);
    expect(renewal.dueAt(link)).toBeUndefined();
    expect(await renewal.renew(link)).toBeUndefined();
    // Expired or forged: nothing to renew.
    expect(renewal.dueAt(tokens.sign(teacher, 4_000, now - 5_000))).toBeUndefined();
    expect(renewal.dueAt(`${tokens.sign(teacher, 4_000, now)}x`)).toBeUndefined();
  });
});
