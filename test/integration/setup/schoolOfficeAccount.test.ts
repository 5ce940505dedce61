// A school office (学校教务) account made as a coordinator makes one, from the set-up screen's
// route and from POST /api/auth/users: it names one school of its community (checked), signs
// in, and its token carries that school, so the timetable's scope rules apply to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { bell, member } from '../../unit/timetable/support/world';
import { client, fengze, ruian, seedWorld, tokenFor } from '../timetable/support/world';
import type { AccountIssued } from '../../../shared/setup';
import type { TokenReply } from '../../../shared/auth';

const base = `/setup/communities/${ruian.id}`;
const schedule = bell('08:10', 40, 10, 6);

describe('creating a school office account', () => {
  let server: TestServer;
  let coordinator: ReturnType<typeof client>;

  const login = async (login: string, password: string) => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as TokenReply;
  };

  beforeAll(async () => {
    server = await startTongke();
    await seedWorld(server);
    coordinator = client(
      server,
      tokenFor(server, { role: 'coordinator', communityIds: [ruian.id] }),
    );
  });
  afterAll(() => server?.close());

  it('creates one on the set-up route; it signs in for its school and changes only its bell schedule', async () => {
    const res = await coordinator.post(`${base}/accounts`, {
      login: 'gaolou-jiaowu',
      name: '高楼教务',
      role: 'school_office',
      schoolId: member.id,
      delivery: 'password',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const issued = res.body as AccountIssued;
    expect(issued.account).toMatchObject({ role: 'school_office', schoolId: member.id });
    const listed = (await coordinator.get(`/setup/communities/${ruian.id}/directory`)).body as {
      accounts: { login: string; schoolId?: string }[];
    };
    expect(listed.accounts.find((a) => a.login === 'gaolou-jiaowu')?.schoolId).toBe(member.id);

    const session = await login('gaolou-jiaowu', issued.password!);
    expect(session.principal).toMatchObject({
      role: 'school_office',
      schoolId: member.id,
      communityIds: [ruian.id],
    });
    const office = client(server, session.token);
    const own = await office.put(
      `/communities/${ruian.id}/schools/${member.id}/bell-schedule`,
      schedule,
    );
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const core = await office.put(
      `/communities/${ruian.id}/schools/${ruian.coreSchoolId}/bell-schedule`,
      schedule,
    );
    expect(core.status).toBe(403);
  });

  it('refuses a school office without a school, with another community’s school, and a school for another role', async () => {
    const body = { name: '教务', role: 'school_office', delivery: 'password' };
    const missing = await coordinator.post(`${base}/accounts`, { ...body, login: 'office-a' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('body/schoolId');
    const foreign = await coordinator.post(`${base}/accounts`, {
      ...body,
      login: 'office-b',
      schoolId: fengze.coreSchoolId,
    });
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.body)).toContain('body/schoolId');
    const teacher = await coordinator.post(`${base}/accounts`, {
      ...body,
      login: 'office-c',
      role: 'observer',
      schoolId: member.id,
    });
    expect(teacher.status).toBe(400);
    // nothing half-written: none of these logins exists
    for (const l of ['office-a', 'office-b', 'office-c'])
      expect(
        (
          await fetch(`${server.url}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ login: l, password: 'whatever-123' }),
          })
        ).status,
      ).toBe(401);
  });

  it('creates one with POST /api/auth/users, checked the same way', async () => {
    const body = {
      login: 'gaolou-office2',
      name: '高楼教务二',
      role: 'school_office',
      password: 'long-enough-1',
      communityIds: [ruian.id],
    };
    const foreign = await coordinator.post('/auth/users', {
      ...body,
      schoolId: fengze.coreSchoolId,
    });
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.body)).toContain('schoolId');
    expect((await coordinator.post('/auth/users', body)).status).toBe(400);
    const made = await coordinator.post('/auth/users', { ...body, schoolId: member.id });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const session = await login('gaolou-office2', 'long-enough-1');
    expect(session.principal).toMatchObject({ role: 'school_office', schoolId: member.id });
  });
});
