// The evaluation over HTTP against a real server and store: the district's and the
// community's totals equal what the term wrote; drill-down to a school and one lesson;
// other communities are refused (and logged); bad ranges name their field.
import type { CommunityReport } from '../../../shared/evaluation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { client, fengze, ruian, tokenFor } from '../timetable/support/world';
import { NOW, expected, occurrenceOn, seedTerm } from './support/term';

describe('evaluation reports', () => {
  let server: TestServer;
  let observer: ReturnType<typeof client>;
  const logs: string[] = [];

  beforeAll(async () => {
    server = await startTongke({ logLevel: 'warn' }, { now: () => NOW });
    // Each request logs through a child of the server's logger: listen to the children's warns.
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
    await seedTerm(server);
    observer = client(
      server,
      tokenFor(server, { role: 'observer', sub: 'inspector', communityIds: [ruian.id, fengze.id] }),
    );
  });
  afterAll(() => server?.close());

  it('the district report of the term has the lessons and attendance the term wrote', async () => {
    const res = await observer.get('/evaluation/district');
    expect(res.status).toBe(200);
    expect(res.body.range).toMatchObject({ from: '2026-09-01', to: '2027-01-22' });
    const [r, f] = res.body.communities;
    expect(r.name).toBe('瑞安市实验小学教共体');
    expect(r.totals.lessons).toMatchObject({
      held: expected.held,
      cancelled: expected.cancelled,
      moved: expected.moved,
      missed: expected.missed,
    });
    expect(r.totals.lessons.scheduled).toBe(
      r.totals.lessons.held +
        r.totals.lessons.cancelled +
        r.totals.lessons.missed +
        r.totals.lessons.upcoming,
    );
    expect(r.totals.attendance).toMatchObject(expected.attendance);
    expect(r.totals.attendance.minutesConnected).toBe(40 * 3 + 40 + 35);
    expect(r.totals.quality.issues.no_teacher_video).toBe(1);
    expect(r.totals.research).toMatchObject({ held: 3, filled: 2 });
    expect(r.totals.research.bySection.core).toEqual({ sections: 3, filled: 1 });
    expect(r.totals.materials).toEqual(expected.materials);
    expect(f.totals.lessons.scheduled).toBe(0);
    expect(res.body.totals).toEqual(r.totals);
    expect(res.body.weeks[0]).toEqual({ week: '2026-08-31', scheduled: 1, held: 1 });
  });

  it('a range narrows it; the second read comes from kept facts and says the same', async () => {
    const q = '?from=2026-09-01&to=2026-09-30';
    const first = await observer.get(`/evaluation/communities/${ruian.id}${q}`);
    expect(first.status).toBe(200);
    expect(first.body.totals.lessons).toMatchObject({ scheduled: 5, upcoming: 0 });
    const kept = await server.tongke.store.evaluation.factsBetween(ruian.id, 0, Infinity);
    expect(kept.map((k) => k.occurrenceId)).toContain(occurrenceOn('2026-09-01'));
    const again = await observer.get(`/evaluation/communities/${ruian.id}${q}`);
    expect(again.body.totals).toEqual(first.body.totals);
    const moved = (first.body as CommunityReport).lessons.find(
      (l) => l.facts.occurrenceId === occurrenceOn('2026-09-22'),
    )!;
    expect(moved.facts).toMatchObject({ moved: true, outcome: 'held' });
    expect(new Date(moved.facts.start).toISOString()).toBe('2026-09-23T01:40:00.000Z');
    expect(first.body.teachers[0]).toMatchObject({ name: '王老师' });
    expect(first.body.teachers[0].totals.lessons.held).toBe(3);
  });

  it('drills into a school and one lesson', async () => {
    const school = await observer.get(
      `/evaluation/communities/${ruian.id}/schools/sch-gaolou?to=2026-09-30`,
    );
    expect(school.status).toBe(200);
    expect(school.body.classrooms).toEqual([
      expect.objectContaining({ classroomId: 'room-gaolou-1', expected: 3, attended: 2, poor: 1 }),
    ]);
    const lesson = await observer.get(`/evaluation/lessons/${occurrenceOn('2026-09-01')}`);
    expect(lesson.status).toBe(200);
    expect(lesson.body.row.facts.classrooms[1]).toMatchObject({
      classroomId: 'room-gaolou-1',
      attended: true,
      minutesConnected: 40,
    });
    expect(lesson.body.classroomNames['room-gaolou-1']).toBe('瑞安市高楼镇中心小学 · 三年级教室');
    expect(lesson.body.rubric.criteria.length).toBeGreaterThan(0);
  });

  it('refuses another community with 403 and a log line; bad input names the field', async () => {
    const coordinator = client(
      server,
      tokenFor(server, { role: 'coordinator', sub: 'fz-coord', communityIds: [fengze.id] }),
    );
    logs.length = 0;
    const refused = await coordinator.get(`/evaluation/communities/${ruian.id}`);
    expect(refused.status).toBe(403);
    expect(logs.some((l) => l.includes('cross-community') && l.includes(ruian.id))).toBe(true);
    expect(
      (await coordinator.get(`/evaluation/lessons/${occurrenceOn('2026-09-01')}`)).status,
    ).toBe(403);
    const own = await coordinator.get('/evaluation/district');
    expect(own.body.communities.map((c: { communityId: string }) => c.communityId)).toEqual([
      fengze.id,
    ]);
    const teacher = client(server, tokenFor(server, { role: 'teacher', communityIds: [ruian.id] }));
    expect((await teacher.get('/evaluation/district')).status).toBe(403);

    const bad = await observer.get('/evaluation/district?from=2026-9-1');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('querystring/from');
    const noDay = await observer.get('/evaluation/district?from=2026-02-30');
    expect([noDay.status, noDay.body.details[0].field]).toEqual([400, 'querystring/from']);
    const backwards = await observer.get('/evaluation/district?from=2026-09-10&to=2026-09-01');
    expect([backwards.status, backwards.body.details[0].field]).toEqual([400, 'querystring/to']);
    expect((await observer.get(`/evaluation/communities/${ruian.id}/schools/sch-fz`)).status).toBe(
      404,
    );
  });
});
