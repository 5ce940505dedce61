import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { bell, member, spec } from '../../unit/timetable/support/world';
import { client, deviceTokenFor, fengze, ruian, seedWorld, tokenFor } from './support/world';

// Who may do what to a community's timetable, walked role by role against data of another
// scope: a member school's 教务 (school office) changes its own school's bell schedule,
// classrooms and teachers and gives its own school's answers, nothing else; every refusal
// is a 403 and a log line naming who asked.
const now = Date.parse('2026-09-08T08:45:00+08:00');
const base = `/communities/${ruian.id}`;
const schedule = bell('08:00', 40, 10, 7);

describe('a school office and the other roles, each against another scope', () => {
  let server: TestServer;
  const logs: string[] = [];
  let as: Record<
    'office' | 'otherOffice' | 'coordinator' | 'stranger' | 'teacher' | 'observer' | 'device',
    ReturnType<typeof client>
  >;

  /** The log lines a request wrote, from the moment `since` was taken. */
  const logged = (since: number) => logs.slice(since).join('\n');

  beforeAll(async () => {
    server = await startTongke({ logLevel: 'warn' }, { now: () => now });
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
    const token = (p: Parameters<typeof tokenFor>[1]) => client(server, tokenFor(server, p));
    as = {
      // 高楼's 教务, in 瑞安
      office: token({
        role: 'school_office',
        sub: 'office-gaolou',
        schoolId: member.id,
        communityIds: [ruian.id],
      }),
      // 潘山's 教务, in 丰泽
      otherOffice: token({
        role: 'school_office',
        sub: 'office-panshan',
        schoolId: 'sch-fz-panshan',
        communityIds: [fengze.id],
      }),
      coordinator: token({ role: 'coordinator', communityIds: [ruian.id] }),
      stranger: token({ role: 'coordinator', sub: 'coord-fz', communityIds: [fengze.id] }),
      teacher: token({ role: 'teacher', communityIds: [ruian.id], teacherId: 'teacher-zhao' }),
      observer: token({ role: 'observer', communityIds: [ruian.id] }),
      device: client(server, await deviceTokenFor(server, ruian.id, 'room-gaolou-1')),
    };
  });
  afterAll(() => server?.close());

  it("lets a school office change its own school's bell schedule, and no one else's", async () => {
    const own = await as.office.put(`${base}/schools/${member.id}/bell-schedule`, schedule);
    expect(own.status).toBe(200);
    expect(own.body.bellSchedule).toEqual(schedule);

    let since = logs.length;
    const core = await as.office.put(`${base}/schools/sch-core/bell-schedule`, schedule);
    expect(core.status).toBe(403);
    expect(core.body.message).toMatch(/^学校教务只能修改本校的作息、教室和教师/);
    expect(logged(since)).toContain("changed another school's records");
    expect(logged(since)).toContain('office-gaolou');

    since = logs.length;
    const across = await as.otherOffice.put(`${base}/schools/${member.id}/bell-schedule`, schedule);
    expect(across.status).toBe(403);
    expect(logged(since)).toContain('cross-community access refused');
    expect(logged(since)).toContain('office-panshan');
  });

  it("refuses every other role a school's bell schedule outside its scope, with a log line", async () => {
    const path = `${base}/schools/${member.id}/bell-schedule`;
    for (const [role, expected] of [
      ['stranger', 'cross-community access refused'],
      ['teacher', 'role refused'],
      ['observer', 'role refused'],
      ['device', 'role refused'],
    ] as const) {
      const since = logs.length;
      const res = await as[role].put(path, schedule);
      expect(res.status, role).toBe(403);
      expect(logged(since), role).toContain(expected);
    }
    // the community's coordinator keeps every school of it
    expect((await as.coordinator.put(path, schedule)).status).toBe(200);
    expect(
      (await as.coordinator.put(`${base}/schools/sch-core/bell-schedule`, schedule)).status,
    ).toBe(200);
  });

  it('lets a school office add classrooms and teachers of its own school only', async () => {
    const room = await as.office.post(`${base}/classrooms`, {
      id: 'room-gaolou-9',
      schoolId: member.id,
      name: '五年级教室',
    });
    expect(room.status).toBe(201);
    const teacher = await as.office.post(`${base}/teachers`, {
      id: 'teacher-gaolou-9',
      schoolId: member.id,
      name: '陈老师',
      subjects: ['科学'],
    });
    expect(teacher.status).toBe(201);

    for (const [kind, body] of [
      ['classrooms', { id: 'room-core-9', schoolId: 'sch-core', name: '三(9)班' }],
      ['teachers', { id: 'teacher-core-9', schoolId: 'sch-core', name: '周老师', subjects: [] }],
    ] as const) {
      const since = logs.length;
      const res = await as.office.post(`${base}/${kind}`, body);
      expect(res.status, kind).toBe(403);
      expect(logged(since)).toContain("changed another school's records");
    }
    const since = logs.length;
    const across = await as.otherOffice.post(`${base}/classrooms`, {
      schoolId: member.id,
      name: '别人的教室',
    });
    expect(across.status).toBe(403);
    expect(logged(since)).toContain('cross-community access refused');
    const rooms = (await as.coordinator.get(`${base}/classrooms`)).body as { id: string }[];
    expect(rooms.map((r) => r.id)).toContain('room-gaolou-9');
    expect(rooms.map((r) => r.id)).not.toContain('room-core-9');
  });

  it("keeps the community's timetable to its coordinator", async () => {
    const { calendar } = member;
    for (const [method, path, body] of [
      ['put', `${base}/schools/${member.id}/calendar`, calendar],
      ['put', `${base}/schools/${member.id}`, { ...member, id: undefined }],
      ['post', `${base}/schools`, { ...member, id: 'sch-new' }],
      ['post', `${base}/series`, { spec: spec() }],
      ['post', `${base}/publish`, {}],
      ['post', '/communities', { ...ruian, id: 'ruian-2' }],
    ] as const) {
      const since = logs.length;
      const res =
        method === 'put' ? await as.office.put(path, body) : await as.office.post(path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(logged(since)).toContain('role refused');
    }
    // what it may read: its community's week, not another's
    expect((await as.office.get(`${base}/week?date=2026-09-08`)).status).toBe(200);
    const since = logs.length;
    expect((await as.office.get(`/communities/${fengze.id}/week?date=2026-09-08`)).status).toBe(
      403,
    );
    expect(logged(since)).toContain('cross-community access refused');
  });

  it("gives a school office its own school's answer to a proposal, no other school's", async () => {
    const created = await as.coordinator.post(`${base}/series`, {
      id: 'office-answer',
      spec: spec({ period: 3 }),
    });
    expect(created.status).toBe(201);
    expect((await as.coordinator.post(`${base}/series/office-answer/propose`)).status).toBe(200);

    let since = logs.length;
    const other = await as.office.post(`${base}/series/office-answer/respond`, {
      schoolId: 'sch-core',
      decision: 'accepted',
      comment: '',
    });
    expect(other.status).toBe(403);
    expect(logged(since)).toContain('answered for another school');

    since = logs.length;
    const across = await as.otherOffice.post(`${base}/series/office-answer/respond`, {
      schoolId: member.id,
      decision: 'accepted',
      comment: '',
    });
    expect(across.status).toBe(403);
    expect(logged(since)).toContain('cross-community access refused');

    const own = await as.office.post(`${base}/series/office-answer/respond`, {
      schoolId: member.id,
      decision: 'accepted',
      comment: '',
    });
    expect(own.status).toBe(200);
    // the school's own answer, not a coordinator's 代为同意
    expect(own.body.series.responses[0]).toMatchObject({
      schoolId: member.id,
      decision: 'accepted',
      onBehalf: false,
      by: { sub: 'office-gaolou' },
    });
  });
});
