import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth';
import type { DeviceRecord } from '../../../server/store/auth/AuthRepository';
import { principalResolver } from '../../../server/auth/principals';
import { TokenIssuer } from '../../../server/auth/tokens';

const now = 1_000_000;
const tokens = new TokenIssuer('test-secret');
const device: Principal = {
  sub: 'room-gaolou-1',
  role: 'device',
  name: '三(1)班',
  communityIds: ['ruian-p-18'],
  classroomId: 'room-gaolou-1',
  deviceId: 'dev-1',
};
const record: DeviceRecord = {
  deviceId: 'dev-1',
  classroomId: 'room-gaolou-1',
  communityId: 'ruian-p-18',
  enrolledAt: 1,
};

function resolveWith(stored: DeviceRecord | undefined) {
  return principalResolver(tokens, { device: async () => stored }, () => now);
}
const sign = (p: Principal) => tokens.sign(p, 60_000, now);

describe('principalResolver', () => {
  it('takes a device token while its enrolment stands', async () => {
    expect(await resolveWith(record)(sign(device))).toEqual(device);
  });

  it('refuses a revoked, unknown or re-pointed device, and one without an enrolment', async () => {
    expect(await resolveWith({ ...record, revokedAt: 5 })(sign(device))).toBeUndefined();
    expect(await resolveWith(undefined)(sign(device))).toBeUndefined();
    expect(
      await resolveWith({ ...record, classroomId: 'room-other' })(sign(device)),
    ).toBeUndefined();
    const { deviceId: _, ...legacy } = device;
    expect(await resolveWith(record)(sign(legacy))).toBeUndefined();
  });

  it('passes people through without a lookup, and refuses a forged token', async () => {
    const teacher: Principal = { sub: 'u-1', role: 'teacher', name: '王', communityIds: [] };
    const resolve = principalResolver(
      tokens,
      {
        device: () => {
          throw new Error('no lookup for people');
        },
      },
      () => now,
    );
    expect(await resolve(sign(teacher))).toEqual(teacher);
    expect(await resolve(`${sign(teacher)}x`)).toBeUndefined();
  });
});
