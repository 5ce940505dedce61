// A school office (学校教务) on the set-up routes: it edits, retires and restores its own
// school's classrooms and teachers; another school's (or moving its own to another school)
// is a 403 with a log line, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { core, member } from '../../unit/timetable/support/world';
import { client, ruian, seedWorld, tokenFor } from '../timetable/support/world';

const base = `/setup/communities/${ruian.id}`;

describe("a school office and its school's records on the set-up routes", () => {
  let server: TestServer;
  let office: ReturnType<typeof client>;
  const logs: string[] = [];
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
    office = client(
      server,
      tokenFor(server, {
        role: 'school_office',
        sub: 'office-gaolou',
        schoolId: member.id,
        communityIds: [ruian.id],
      }),
    );
  });
  afterAll(() => server?.close());

  const stored = (kind: 'classroom' | 'teacher', id: string) =>
    server.tongke.store.timetable.get(kind, id);

  it('edits its own classroom and teacher', async () => {
    const room = await office.put(`${base}/classrooms/room-gaolou-2`, {
      schoolId: member.id,
      name: '四(1)班',
      room: '二楼',
    });
    expect(room.status, JSON.stringify(room.body)).toBe(200);
    expect((await stored('classroom', 'room-gaolou-2'))?.name).toBe('四(1)班');
    const zhao = await office.put(`${base}/teachers/teacher-zhao`, {
      schoolId: member.id,
      name: '赵老师',
      subjects: ['数学', '科学'],
    });
    expect(zhao.status, JSON.stringify(zhao.body)).toBe(200);
    expect((await office.post(`${base}/teachers/teacher-zhao/retire`)).status).toBe(200);
    expect((await office.post(`${base}/teachers/teacher-zhao/restore`)).status).toBe(200);
  });

  it("is refused the core school's records and moving its own there, nothing written", async () => {
    let since = logs.length;
    const other = await office.put(`${base}/classrooms/room-core-301`, {
      schoolId: core.id,
      name: '改名',
    });
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).toContain('学校教务只能修改本校的作息、教室和教师');
    expect(logged(since)).toContain("changed another school's records");
    expect((await stored('classroom', 'room-core-301'))?.name).toBe('三(1)班');

    since = logs.length;
    const moved = await office.put(`${base}/classrooms/room-gaolou-1`, {
      schoolId: core.id,
      name: '三年级教室',
    });
    expect(moved.status).toBe(403);
    expect(logged(since)).toContain('office-gaolou');
    expect((await stored('classroom', 'room-gaolou-1'))?.schoolId).toBe(member.id);

    since = logs.length;
    expect((await office.post(`${base}/teachers/teacher-wang/retire`)).status).toBe(403);
    expect(logged(since)).toContain("changed another school's records");
    expect((await stored('teacher', 'teacher-wang'))?.retiredAt).toBeUndefined();
  });
});
