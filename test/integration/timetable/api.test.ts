import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { spec } from '../../unit/timetable/support/world';
import { client, deviceTokenFor, fengze, ruian, seedWorld, tokenFor } from './support/world';

// A Tuesday during the second period of 瑞安市实验小学 (08:50–09:30).
const now = Date.parse('2026-09-08T08:45:00+08:00');
const base = `/communities/${ruian.id}`;

describe('timetable REST API', () => {
  let server: TestServer;
  let coordinator: ReturnType<typeof client>;
  let stranger: ReturnType<typeof client>;
  let teacher: ReturnType<typeof client>;

  beforeAll(async () => {
    server = await startTongke({}, { now: () => now });
    await seedWorld(server);
    coordinator = client(
      server,
      tokenFor(server, { role: 'coordinator', communityIds: [ruian.id] }),
    );
    stranger = client(server, tokenFor(server, { role: 'coordinator', communityIds: [fengze.id] }));
    teacher = client(
      server,
      tokenFor(server, { role: 'teacher', communityIds: [ruian.id], teacherId: 'teacher-wang' }),
    );
  });
  afterAll(() => server?.close());

  it('answers bad input with 400 naming each field, and writes nothing', async () => {
    const bad = await coordinator.post(`${base}/series`, { spec: { ...spec(), period: 30 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'body/spec/period', message: 'must be <= 20' }]);
    const missing = await coordinator.post(`${base}/series`, {
      spec: { ...spec(), teacherId: undefined },
    });
    expect(missing.body.details[0].field).toBe('body/spec/teacherId');
    const foreign = await coordinator.post(`${base}/series`, {
      spec: spec({ memberClassroomIds: ['room-fz-1'] }),
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details).toEqual([
      {
        field: 'body/spec/memberClassroomIds/0',
        code: 'not_in_community',
        message: `room-fz-1 不属于教共体 ${ruian.id} room-fz-1 is not in community ${ruian.id}`,
      },
    ]);
    const helper = await coordinator.post(`${base}/series`, {
      spec: spec({
        memberTeachers: [
          { classroomId: 'room-gaolou-1', teacherId: 'teacher-li' },
          { classroomId: 'room-gaolou-2', teacherId: 'teacher-zhao' },
        ],
      }),
    });
    expect(helper.status).toBe(400);
    expect(helper.body.details).toEqual([
      {
        field: 'body/spec/memberTeachers/0/teacherId',
        code: 'not_teacher_of_school',
        message: 'teacher-li 不在 sch-gaolou 任教 teacher-li does not teach at sch-gaolou',
      },
      {
        field: 'body/spec/memberTeachers/1/classroomId',
        code: 'not_member_classroom',
        message:
          'room-gaolou-2 不是这节课的听讲教室 room-gaolou-2 is not a member classroom of this lesson',
      },
    ]);
    const bell = await coordinator.put(`${base}/schools/sch-core/bell-schedule`, {
      periods: [{ n: 1, start: '08:40', end: '08:00' }],
    });
    expect(bell.status).toBe(400);
    expect(bell.body.details[0].field).toBe('body/periods/0');
    expect((await coordinator.get(`${base}/series`)).body).toEqual([]);
  });

  it('refuses other communities with 403 and teachers writing with 403; teachers read', async () => {
    expect((await stranger.post(`${base}/series`, { spec: spec() })).status).toBe(403);
    expect((await stranger.get(`${base}/week?date=2026-09-08`)).status).toBe(403);
    expect((await teacher.post(`${base}/series`, { spec: spec() })).status).toBe(403);
    expect((await teacher.get(`${base}/week?date=2026-09-08`)).status).toBe(200);
    expect((await client(server, 'forged.token').get(`${base}/series`)).status).toBe(401);
  });

  it('negotiates a series to publication, refusing on conflicts and objections', async () => {
    const a = await coordinator.post(`${base}/series`, { id: 'math', spec: spec() });
    expect(a.status).toBe(201);
    expect(a.body.conflicts).toEqual([]);
    const b = await coordinator.post(`${base}/series`, {
      id: 'chinese',
      spec: spec({ subject: '语文', teacherId: 'teacher-li', coreClassroomId: 'room-core-302' }),
    });
    expect(b.body.conflicts[0]).toMatchObject({
      code: 'classroom_double_booked',
      resourceId: 'room-gaolou-1',
    });

    expect((await coordinator.post(`${base}/series/math/publish`)).body.error).toBe('not_proposed');
    const proposed = await coordinator.post(`${base}/series/math/propose`);
    expect(proposed.body.series.responses).toEqual([
      { schoolId: 'sch-gaolou', decision: 'pending', comment: '', at: 0 },
    ]);
    const hard = await coordinator.post(`${base}/series/math/publish`);
    expect(hard.status).toBe(409);
    expect(hard.body.error).toBe('hard_conflicts');
    expect(hard.body.message).toMatch(/^还有 20 处硬冲突，解决后才能发布 20 hard conflicts remain/);
    expect(hard.body.details[0].otherSeriesId).toBe('chinese');

    expect((await coordinator.del(`${base}/series/chinese`)).status).toBe(204);
    const notHers = await teacher.post(`${base}/series/math/respond`, {
      schoolId: 'sch-gaolou',
      decision: 'accepted',
      comment: '',
    });
    expect(notHers.status).toBe(403); // 王老师 teaches at the core school
    const objected = await coordinator.post(`${base}/series/math/respond`, {
      schoolId: 'sch-gaolou',
      decision: 'objected',
      comment: '第二节有升旗仪式',
    });
    expect(objected.body.series.responses[0]).toMatchObject({
      decision: 'objected',
      comment: '第二节有升旗仪式',
    });
    const refused = await coordinator.post(`${base}/series/math/publish`);
    expect(refused.body.error).toBe('objection_open');
    // The coordinator reads which school objects and why, Chinese first (issue 10, defect 8).
    expect(refused.body.message).toBe(
      '瑞安市高楼镇中心小学提出异议：第二节有升旗仪式，解决后才能发布 ' +
        '瑞安市高楼镇中心小学 objects: 第二节有升旗仪式; resolve it before publishing',
    );

    const revision = objected.body.series.revision;
    const stale = await coordinator.put(`${base}/series/math`, {
      spec: spec({ period: 3 }),
      revision: revision - 1,
    });
    expect(stale.status).toBe(409);
    const moved = await coordinator.put(`${base}/series/math`, {
      spec: spec({ period: 3 }),
      revision,
    });
    expect(moved.body.series.status).toBe('draft');
    await coordinator.post(`${base}/series/math/propose`);
    // 高楼 has not answered yet: nothing is published, and the refusal names the school.
    const waiting = await coordinator.post(`${base}/series/math/publish`);
    expect(waiting.status).toBe(409);
    expect(waiting.body.error).toBe('answers_pending');
    expect(waiting.body.message).toMatch(/^成员校尚未答复：瑞安市高楼镇中心小学/);
    expect(waiting.body.message).not.toContain('sch-gaolou');
    expect(waiting.body.details).toEqual({ schoolIds: ['sch-gaolou'] });
    // The coordinator accepts on the school's behalf: recorded as such, with who and when.
    const onBehalf = await coordinator.post(`${base}/series/math/respond`, {
      schoolId: 'sch-gaolou',
      decision: 'accepted',
      comment: '电话确认',
    });
    expect(onBehalf.body.series.responses).toEqual([
      {
        schoolId: 'sch-gaolou',
        decision: 'accepted',
        comment: '电话确认',
        at: now,
        by: { sub: 'coordinator-1', name: '测试' },
        onBehalf: true,
      },
    ]);
    const published = await coordinator.post(`${base}/series/math/publish`);
    expect(published.status).toBe(200);
    expect(published.body.series.published).toMatchObject({ version: 1 });
    expect(published.body.series.log.slice(-2)).toEqual([
      {
        at: now,
        kind: 'accepted',
        schoolId: 'sch-gaolou',
        comment: '电话确认',
        by: { sub: 'coordinator-1', name: '测试' },
        onBehalf: true,
      },
      { at: now, kind: 'published', version: 1 },
    ]);
    // Published: the answer is no longer open.
    const late = await coordinator.post(`${base}/series/math/respond`, {
      schoolId: 'sch-gaolou',
      decision: 'accepted',
      comment: '',
    });
    expect(late.status).toBe(409);

    const v2 = await coordinator.put(`${base}/series/math`, {
      spec: spec({ period: 2 }),
      revision: published.body.series.revision,
    });
    expect(v2.body.series.status).toBe('draft');
    const diff = await teacher.get(`${base}/series/math/diff`);
    expect(diff.body).toEqual({
      seriesId: 'math',
      publishedVersion: 1,
      changes: [{ field: 'period', before: 3, after: 2 }],
      schoolIds: ['sch-core', 'sch-gaolou'],
    });
    // version 1 (period 3, 09:40) stays in force while version 2 is negotiated
    const week = await teacher.get(`${base}/week?date=2026-09-09&view=published`);
    expect(
      week.body.occurrences.map((o: { occurrenceId: string; clock: { start: string } }) => [
        o.occurrenceId,
        o.clock.start,
      ]),
    ).toEqual([['math:2026-09-08', '09:40']]);
    expect(week.body.occurrences[0].members).toEqual([
      { schoolId: 'sch-gaolou', period: 3, overlap: 35 / 40, fits: true },
    ]);
  });

  it("tells a classroom PC the lesson to join now or next, and only its own classroom's", async () => {
    const device = client(server, await deviceTokenFor(server, ruian.id, 'room-gaolou-1'));
    const today = await device.get('/classrooms/room-gaolou-1/today');
    expect(today.status).toBe(200);
    expect(today.body).toMatchObject({
      classroomId: 'room-gaolou-1',
      date: '2026-09-08',
      now: null,
    });
    expect(today.body.next).toMatchObject({
      occurrenceId: 'math:2026-09-08',
      role: 'member',
      start: '2026-09-08T09:40:00+08:00',
    });
    expect((await device.get('/classrooms/room-gaolou-2/today')).status).toBe(403);
    expect((await stranger.get('/classrooms/room-gaolou-1/today')).status).toBe(403);
  });

  it('changes one occurrence: a holiday move is refused with its reason, a cancel is taken', async () => {
    const holiday = await coordinator.put(`${base}/occurrences/math:2026-09-15`, {
      moveTo: { date: '2026-10-01', period: 3 },
    });
    expect(holiday.status).toBe(409);
    expect(holiday.body.details.map((c: { code: string }) => c.code)).toContain('holiday');
    const noSuch = await coordinator.put(`${base}/occurrences/math:2026-09-16`, {
      cancelled: true,
    });
    expect(noSuch.status).toBe(404);
    const cancelled = await coordinator.put(`${base}/occurrences/math:2026-09-15`, {
      cancelled: true,
      note: '秋季运动会',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.override).toMatchObject({ cancelled: true, revision: 1 });
    const source = server.tongke.timetable.occurrences;
    const sept = await source.occurrencesBetween(
      Date.parse('2026-09-14T00:00:00+08:00'),
      Date.parse('2026-09-21T00:00:00+08:00'),
    );
    expect(sept).toEqual([]);
    const restored = await coordinator.put(`${base}/occurrences/math:2026-09-15`, {});
    expect(restored.body.override).toMatchObject({ cancelled: false, revision: 2 });
  });

  it('serves iCalendar feeds per classroom and per teacher', async () => {
    // A subscription address holds a feed token of its own (security/noCredentialInUrls).
    const observer = client(
      server,
      tokenFor(server, { role: 'observer', communityIds: [ruian.id] }),
    );
    const made = await observer.post('/ical-feeds', {
      kind: 'classroom',
      targetId: 'room-gaolou-1',
    });
    expect(made.status).toBe(201);
    const res = await fetch(`${server.url}${(made.body as { url: string }).url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const ics = await res.text();
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('同步课堂 数学（王老师）');
    expect(ics).toContain('UID:math:2026-09-08@tongke');
    const teacherFeed = await teacher.get('/ical/teachers/teacher-wang.ics');
    expect(teacherFeed.body).toContain('BEGIN:VCALENDAR');
    expect((await stranger.get('/ical/teachers/teacher-wang.ics')).status).toBe(403);
  });
  it('keeps a renegotiated lesson’s published slot busy, and publishes a swap of slots together', async () => {
    // math: published in period 3, its working copy moved to period 2 (see above).
    const science = spec({
      subject: '科学',
      teacherId: 'teacher-li',
      coreClassroomId: 'room-core-302',
      period: 4,
    });
    const accept = async (id: string) => {
      await coordinator.post(`${base}/series/${id}/propose`);
      await coordinator.post(`${base}/series/${id}/respond`, {
        schoolId: 'sch-gaolou',
        decision: 'accepted',
        comment: '',
      });
    };
    const created = await coordinator.post(`${base}/series`, { id: 'science', spec: science });
    expect(created.body.conflicts).toEqual([]);
    await accept('science');
    const published = await coordinator.post(`${base}/series/science/publish`);
    expect(published.status).toBe(200);

    // Period 3 looks free in math's working copy, but 三年级教室 still follows math there.
    const intoOld = await coordinator.put(`${base}/series/science`, {
      spec: { ...science, period: 3 },
      revision: published.body.series.revision,
    });
    const clash = intoOld.body.conflicts.find(
      (c: { code: string }) => c.code === 'classroom_double_booked',
    );
    expect(clash).toMatchObject({ resourceId: 'room-gaolou-1', otherSeriesId: 'math' });
    expect(clash.message).toContain('现行版本');

    // Swap: math 3 → 4 while science 4 → 3. Neither can be published alone …
    const math = (await coordinator.get(`${base}/series/math`)).body.series;
    await coordinator.put(`${base}/series/math`, {
      spec: { ...math.spec, period: 4 },
      revision: math.revision,
    });
    await accept('math');
    await accept('science');
    const alone = await coordinator.post(`${base}/series/math/publish`);
    expect(alone.status).toBe(409);
    expect(alone.body.details[0]).toMatchObject({ otherSeriesId: 'science' });

    // … both together can, in one change.
    const together = await coordinator.post(`${base}/publish`);
    expect(together.status).toBe(200);
    expect(together.body).toEqual({ published: ['math', 'science'], refused: [] });
    const all = (await coordinator.get(`${base}/series`)).body as {
      id: string;
      published: { version: number; spec: { period: number } };
    }[];
    const periodOf = (id: string) => all.find((s) => s.id === id)!.published;
    expect(periodOf('math')).toMatchObject({ version: 2, spec: { period: 4 } });
    expect(periodOf('science')).toMatchObject({ version: 2, spec: { period: 3 } });
  });

  it('publishes all only what every member school accepted, and names who has not answered', async () => {
    const music = spec({
      subject: '音乐',
      teacherId: 'teacher-li',
      coreClassroomId: 'room-core-302',
      memberClassroomIds: ['room-gaolou-2'],
      period: 6,
    });
    expect((await coordinator.post(`${base}/series`, { id: 'music', spec: music })).status).toBe(
      201,
    );
    await coordinator.post(`${base}/series/music/propose`);
    const first = await coordinator.post(`${base}/publish`);
    expect(first.status).toBe(200);
    expect(first.body.published).toEqual([]);
    expect(first.body.refused).toEqual([
      {
        seriesId: 'music',
        code: 'answers_pending',
        message: expect.stringMatching(/^音乐.*成员校尚未答复：瑞安市高楼镇中心小学/),
        schoolIds: ['sch-gaolou'],
      },
    ]);
    // 赵老师 teaches at 高楼 and answers for her own school: not on anyone's behalf.
    const zhao = client(
      server,
      tokenFor(server, { role: 'teacher', communityIds: [ruian.id], teacherId: 'teacher-zhao' }),
    );
    const own = await zhao.post(`${base}/series/music/respond`, {
      schoolId: 'sch-gaolou',
      decision: 'accepted',
      comment: '',
    });
    expect(own.body.series.responses[0]).toMatchObject({
      by: { sub: 'teacher-1', name: '测试' },
      onBehalf: false,
    });
    const second = await coordinator.post(`${base}/publish`);
    expect(second.body).toEqual({ published: ['music'], refused: [] });
  });
});
