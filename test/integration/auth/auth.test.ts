import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startLessonServer, type LessonServer } from '../lessons/support/lessonServer';

describe('logins, device enrolment and community checks', () => {
  let s: LessonServer;
  beforeAll(async () => {
    s = await startLessonServer();
  });
  afterAll(() => s?.close());

  it('logs a teacher in and the token says who she is', async () => {
    const res = await s.api('/api/auth/me', { token: s.tokens.wang });
    expect(await res.json()).toEqual({
      sub: expect.stringMatching(/^u-/),
      role: 'teacher',
      name: '王老师',
      communityIds: ['ruian-p-18'],
      teacherId: 'teacher-wang',
    });
  });

  it('refuses a wrong password and an unknown login alike', async () => {
    for (const login of ['wang', 'nobody']) {
      const res = await s.api('/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ login, password: 'wrong' }),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'bad_credentials' });
    }
  });

  it('enrols a classroom PC with a one-time code', async () => {
    const created = await s.api('/api/devices/enrolments', {
      method: 'POST',
      token: s.tokens.coordinator,
      body: JSON.stringify({ communityId: 'ruian-p-18', classroomId: 'room-gaolou-1' }),
    });
    expect(created.status).toBe(201);
    const { code } = (await created.json()) as { code: string };
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const enrol = () =>
      s.api('/api/devices/enrol', {
        method: 'POST',
        body: JSON.stringify({ code: code.toLowerCase() }),
      });
    const first = await enrol();
    expect(first.status).toBe(200);
    const { token, principal } = (await first.json()) as { token: string; principal: unknown };
    expect(principal).toEqual({
      sub: 'room-gaolou-1',
      role: 'device',
      name: '高楼镇中心小学 三(1)班',
      communityIds: ['ruian-p-18'],
      classroomId: 'room-gaolou-1',
      deviceId: expect.stringMatching(/^dev-/),
    });
    expect((await s.api('/api/auth/me', { token })).status).toBe(200);
    expect((await enrol()).status).toBe(401); // works once
  });

  it('lets a code expire', async () => {
    const created = await s.api('/api/devices/enrolments', {
      method: 'POST',
      token: s.tokens.coordinator,
      body: JSON.stringify({
        communityId: 'ruian-p-18',
        classroomId: 'room-ningyi-1',
        ttlMinutes: 5,
      }),
    });
    const { code } = (await created.json()) as { code: string };
    await s.clock.advanceBy(5 * 60_000);
    const res = await s.api('/api/devices/enrol', {
      method: 'POST',
      body: JSON.stringify({ code }),
    });
    expect(res.status).toBe(401);
  });

  it('refuses a code for a classroom outside the community', async () => {
    for (const classroomId of ['room-fz-1', 'room-unknown']) {
      const res = await s.api('/api/devices/enrolments', {
        method: 'POST',
        token: s.tokens.coordinator,
        body: JSON.stringify({ communityId: 'ruian-p-18', classroomId }),
      });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ error: 'classroom_not_in_community' });
    }
  });

  it('refuses enrolment codes and users for another community with 403', async () => {
    const code = await s.api('/api/devices/enrolments', {
      method: 'POST',
      token: s.tokens.outsider,
      body: JSON.stringify({ communityId: 'ruian-p-18', classroomId: 'room-gaolou-1' }),
    });
    expect(code.status).toBe(403);
    const user = await s.api('/api/auth/users', {
      method: 'POST',
      token: s.tokens.outsider,
      body: JSON.stringify({
        login: 'spy',
        name: 'x',
        role: 'coordinator',
        password: PASSWORD,
        communityIds: ['ruian-p-18'],
      }),
    });
    expect(user.status).toBe(403);
  });

  it('lets only coordinators create logins, in their own community', async () => {
    const body = JSON.stringify({
      login: 'zhao',
      name: '赵老师',
      role: 'teacher',
      password: PASSWORD,
      communityIds: ['ruian-p-18'],
      teacherId: 'teacher-zhao',
    });
    expect(
      (await s.api('/api/auth/users', { method: 'POST', token: s.tokens.wang, body })).status,
    ).toBe(403);
    expect(
      (await s.api('/api/auth/users', { method: 'POST', token: s.tokens.coordinator, body }))
        .status,
    ).toBe(201);
    expect(
      (await s.api('/api/auth/users', { method: 'POST', token: s.tokens.coordinator, body }))
        .status,
    ).toBe(409);
    const login = await s.api('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ login: 'ZHAO', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
  });

  it('names the field of a bad body', async () => {
    const res = await s.api('/api/devices/enrolments', {
      method: 'POST',
      token: s.tokens.coordinator,
      body: JSON.stringify({ communityId: 'ruian-p-18' }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('classroomId');
  });
  it('lets a person change her own password, checking the current one', async () => {
    const change = (body: object) =>
      s.api('/api/auth/password', {
        method: 'POST',
        token: s.tokens.li,
        body: JSON.stringify(body),
      });
    const login = async (password: string) =>
      (
        await s.api('/api/auth/login', {
          method: 'POST',
          body: JSON.stringify({ login: 'li', password }),
        })
      ).status;

    const wrong = await change({ currentPassword: 'nope', newPassword: 'a-new-secret' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      error: 'bad_credentials',
      details: [{ field: 'body/currentPassword' }],
    });
    const short = await change({ currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { details: { field: string }[] }).details[0]!.field).toBe(
      'body/newPassword',
    );
    expect(await login(PASSWORD)).toBe(200); // nothing changed so far

    expect((await change({ currentPassword: PASSWORD, newPassword: 'a-new-secret' })).status).toBe(
      200,
    );
    expect(await login(PASSWORD)).toBe(401);
    expect(await login('a-new-secret')).toBe(200);
    // A device has no password to change.
    const device = await s.deviceToken('room-gaolou-1');
    const byDevice = await s.api('/api/auth/password', {
      method: 'POST',
      token: device,
      body: JSON.stringify({ currentPassword: 'x', newPassword: 'a-new-secret' }),
    });
    expect(byDevice.status).toBe(403);
  });
});
