// A district account (区县教育局) against its own district's data and another district's: it
// reads every community of its district, however many (no list of 50 in its token), creates
// communities of its district and their coordinators, and is refused (403, a log line)
// everything else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { client, fengze, ruian, seedWorld, tokenFor } from '../timetable/support/world';
import type { Community, School } from '../../../shared/timetable/model';
import { core } from '../../unit/timetable/support/world';

const extra = 60;
const school = (i: number): School => ({
  ...core,
  id: `sch-ra-${i}`,
  name: `瑞安第${i}小学`,
});
const community = (i: number, core: number): Community => ({
  id: `ruian-x-${i}`,
  name: `瑞安第${i}教共体`,
  mode: '共建型',
  stage: 'primary',
  district: ruian.district,
  coreSchoolId: school(core).id,
  memberSchoolIds: [],
});

describe('a district account, against its district and another', () => {
  let server: TestServer;
  const logs: string[] = [];
  let district: ReturnType<typeof client>;
  const logged = (since: number) => logs.slice(since).join('\n');

  beforeAll(async () => {
    server = await startTongke({ logLevel: 'warn' });
    const root = server.tongke.http.log;
    const child = root.child.bind(root);
    root.child = ((...args: Parameters<typeof root.child>) => {
      const c = child(...args);
      const warn = c.warn.bind(c);
      c.warn = ((obj: unknown, msg?: string) => {
        logs.push(`${msg ?? ''} ${JSON.stringify(obj)}`);
        return warn(obj as object, msg);
      }) as typeof c.warn;
      return c;
    }) as typeof root.child;
    await seedWorld(server);
    const schools = Array.from({ length: extra + 1 }, (_, i) => school(i));
    await server.tongke.store.timetable.apply({
      put: {
        school: schools,
        community: Array.from({ length: extra }, (_, i) => community(i, i)),
      },
    });
    district = client(
      server,
      tokenFor(server, {
        role: 'district',
        sub: 'u-ruian-jyj',
        district: ruian.district,
        communityIds: [],
      }),
    );
  });
  afterAll(() => server?.close());

  it('reads every community of its district, more than 50, and no other', async () => {
    const all = (await district.get('/communities')).body as Community[];
    expect(all).toHaveLength(extra + 1);
    expect(all.every((c) => c.district === ruian.district)).toBe(true);
    expect((await district.get(`/communities/${ruian.id}`)).status).toBe(200);
    const since = logs.length;
    expect((await district.get(`/communities/${fengze.id}`)).status).toBe(403);
    expect(logged(since)).toContain('cross-community access refused');
    expect(logged(since)).toContain('u-ruian-jyj');
  });

  it('evaluates its district: the district report names every one of its communities', async () => {
    const report = await district.get('/evaluation/district?from=2026-09-01&to=2026-09-30');
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const rows = (report.body as { communities: { communityId: string; district: string }[] })
      .communities;
    expect(rows).toHaveLength(extra + 1);
    expect(rows.every((r) => r.district === ruian.district)).toBe(true);
    const one = await district.get(`/evaluation/communities/${ruian.id}`);
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    const since = logs.length;
    expect((await district.get(`/evaluation/communities/${fengze.id}`)).status).toBe(403);
    expect(logged(since)).toContain('cross-community access refused');
  });

  it('creates a community of its district, seen at once; never one of another district', async () => {
    const made = await district.post('/communities', community(extra, extra));
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect((await district.get(`/communities/${community(extra, extra).id}`)).status).toBe(200);
    const since = logs.length;
    const foreign = await district.post('/communities', {
      ...community(extra + 1, extra),
      district: fengze.district,
    });
    expect(foreign.status).toBe(403);
    expect(JSON.stringify(foreign.body)).toContain('区县教育局只能管理本区县的教共体');
    expect(logged(since)).toContain("created a community outside the caller's district");
    expect((await district.get(`/communities/${community(extra + 1, extra).id}`)).status).toBe(403);
  });

  it("creates its communities' coordinators, and no other account", async () => {
    const body = {
      login: 'ruian-x-0-jiaowu',
      name: '教务处',
      role: 'coordinator',
      password: 'long-enough-1',
      communityIds: [community(0, 0).id],
    };
    expect((await district.post('/auth/users', body)).status).toBe(201);
    let since = logs.length;
    const foreign = await district.post('/auth/users', {
      ...body,
      login: 'fz-jiaowu',
      communityIds: [fengze.id],
    });
    expect(foreign.status).toBe(403);
    expect(logged(since)).toContain('cross-community access refused');
    since = logs.length;
    const teacher = await district.post('/auth/users', {
      ...body,
      login: 'ruian-teacher',
      role: 'teacher',
    });
    expect(teacher.status).toBe(403);
    expect(logged(since)).toContain('district created a non-coordinator account');
    // and a coordinator creates no district account
    const coordinator = client(
      server,
      tokenFor(server, { role: 'coordinator', communityIds: [ruian.id] }),
    );
    since = logs.length;
    const up = await coordinator.post('/auth/users', {
      ...body,
      login: 'self-made-district',
      role: 'district',
      district: ruian.district,
      communityIds: [ruian.id],
    });
    expect(up.status).toBe(403);
    expect(logged(since)).toContain('account of a district created over the API');
  });

  it('is refused the coordinator-only set-up and timetable writes of its communities', async () => {
    const since = logs.length;
    const setup = await district.get(`/setup/communities/${ruian.id}/directory`);
    expect(setup.status).toBe(403);
    const bell = await district.put(`/communities/${ruian.id}/schools/sch-core/bell-schedule`, {});
    expect([400, 403]).toContain(bell.status);
    expect(logged(since)).toContain('role refused');
  });
});
