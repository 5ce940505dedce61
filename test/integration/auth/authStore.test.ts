import { describe, expect, it } from 'vitest';
import type { UserRecord } from '../../../server/store/auth/AuthRepository';
import { backends, useStore } from '../lessons/support/backends';

const user: UserRecord = {
  id: 'u-wang',
  login: 'wang',
  name: '王老师',
  role: 'teacher',
  communityIds: ['ruian-p-18'],
  teacherId: 'teacher-wang',
  passwordHash: 'x',
  createdAt: 1,
};

describe.each(backends)('auth repository on %s', (kind) => {
  const store = useStore(kind);

  it('creates a user once per id and per login', async () => {
    expect(await store().auth.createUser(user)).toBe(true);
    expect(await store().auth.createUser({ ...user, id: 'u-other' })).toBe(false);
    expect(await store().auth.createUser({ ...user, login: 'other' })).toBe(false);
    expect(await store().auth.userByLogin('wang')).toEqual(user);
    expect(await store().auth.userById('u-wang')).toEqual(user);
    expect(await store().auth.userByLogin('nobody')).toBeUndefined();
    expect(await store().auth.setPasswordHash('u-wang', 'y')).toBe(true);
    expect(await store().auth.userByLogin('wang')).toEqual({ ...user, passwordHash: 'y' });
    expect(await store().auth.setPasswordHash('u-nobody', 'y')).toBe(false);
  });

  it("keeps a school office's school through an edit", async () => {
    const office: UserRecord = {
      id: 'u-office',
      login: 'gaolou-jiaowu',
      name: '高楼教务',
      role: 'school_office',
      communityIds: ['ruian-p-18'],
      schoolId: 'sch-gaolou',
      passwordHash: 'x',
      createdAt: 1,
    };
    expect(await store().auth.createUser(office)).toBe(true);
    expect(await store().auth.userById('u-office')).toEqual(office);
    expect(await store().auth.updateUser('u-office', { name: '高楼镇教务处' })).toBe(true);
    expect(await store().auth.userByLogin('gaolou-jiaowu')).toEqual({
      ...office,
      name: '高楼镇教务处',
    });
    expect((await store().auth.usersIn('ruian-p-18')).map((u) => u.schoolId)).toEqual([
      'sch-gaolou',
    ]);
  });

  it('consumes an enrolment code exactly once and records the device', async () => {
    const enrolment = {
      codeHash: 'h1',
      classroomId: 'room-gaolou-1',
      communityId: 'ruian-p-18',
      createdBy: 'u-c',
      expiresAt: 2_000,
    };
    await store().auth.addEnrolment(enrolment);
    const results = await Promise.all([
      store().auth.consumeEnrolment('h1', 1_000, { deviceId: 'd1', enrolledAt: 1_000 }),
      store().auth.consumeEnrolment('h1', 1_000, { deviceId: 'd2', enrolledAt: 1_000 }),
    ]);
    expect(results.filter(Boolean)).toEqual([enrolment]);
    const winner = results[0] ? 'd1' : 'd2';
    expect(await store().auth.device(winner)).toEqual({
      deviceId: winner,
      classroomId: 'room-gaolou-1',
      communityId: 'ruian-p-18',
      enrolledAt: 1_000,
    });
  });

  it('refuses an expired code', async () => {
    await store().auth.addEnrolment({
      codeHash: 'h2',
      classroomId: 'r',
      communityId: 'c',
      createdBy: 'u',
      expiresAt: 2_000,
    });
    expect(
      await store().auth.consumeEnrolment('h2', 2_000, { deviceId: 'd', enrolledAt: 2_000 }),
    ).toBeUndefined();
    expect(await store().auth.device('d')).toBeUndefined();
  });
  it('lists a community’s devices newest first and revokes one once', async () => {
    const enrol = async (hash: string, deviceId: string, communityId: string, at: number) => {
      await store().auth.addEnrolment({
        codeHash: hash,
        classroomId: `room-${deviceId}`,
        communityId,
        createdBy: 'u-c',
        expiresAt: 10_000,
      });
      await store().auth.consumeEnrolment(hash, at, { deviceId, enrolledAt: at });
    };
    await enrol('h3', 'd3', 'ruian-p-18', 1_000);
    await enrol('h4', 'd4', 'ruian-p-18', 2_000);
    await enrol('h5', 'd5', 'fengze-5g-01', 3_000);
    const ids = async (c: string) => (await store().auth.devicesIn(c)).map((d) => d.deviceId);
    expect(await ids('ruian-p-18')).toEqual(['d4', 'd3']);
    expect(await ids('fengze-5g-01')).toEqual(['d5']);
    expect(await ids('nowhere')).toEqual([]);

    const revoked = await store().auth.revokeDevice('d3', 5_000, 'u-c');
    expect(revoked).toEqual({
      deviceId: 'd3',
      classroomId: 'room-d3',
      communityId: 'ruian-p-18',
      enrolledAt: 1_000,
      revokedAt: 5_000,
      revokedBy: 'u-c',
    });
    // Once: the first time and author stay.
    expect(await store().auth.revokeDevice('d3', 6_000, 'u-other')).toEqual(revoked);
    expect(await store().auth.device('d3')).toEqual(revoked);
    expect((await store().auth.devicesIn('ruian-p-18'))[1]).toEqual(revoked);
    expect(await store().auth.revokeDevice('nope', 5_000, 'u-c')).toBeUndefined();
  });

  it('lists a community’s accounts by login and edits a name and teacher record', async () => {
    const other = {
      ...user,
      id: 'u-chen',
      login: 'chen',
      name: '陈老师',
      teacherId: 'teacher-chen',
    };
    const elsewhere = { ...user, id: 'u-li', login: 'li', communityIds: ['fengze-5g-01'] };
    const both = { ...user, id: 'u-ao', login: 'ao', communityIds: ['fengze-5g-01', 'ruian-p-18'] };
    for (const u of [user, other, elsewhere, both]) await store().auth.createUser(u);
    const logins = async (c: string) => (await store().auth.usersIn(c)).map((u) => u.login);
    expect(await logins('ruian-p-18')).toEqual(['ao', 'chen', 'wang']);
    expect(await logins('fengze-5g-01')).toEqual(['ao', 'li']);
    expect(await logins('nowhere')).toEqual([]);

    expect(await store().auth.updateUser('u-chen', { name: '陈红' })).toBe(true);
    expect(await store().auth.userById('u-chen')).toEqual({
      ...other,
      name: '陈红',
      teacherId: undefined,
    });
    expect(await store().auth.updateUser('u-chen', { name: '陈红', teacherId: 't-9' })).toBe(true);
    expect((await store().auth.userByLogin('chen'))?.teacherId).toBe('t-9');
    expect((await store().auth.userById('u-chen'))?.communityIds).toEqual(['ruian-p-18']);
    expect(await store().auth.updateUser('u-nobody', { name: 'x' })).toBe(false);
  });
});
