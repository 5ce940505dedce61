// The iCalendar feeds read by a real calendar parser (ical.js, Mozilla's, used by
// Thunderbird) in a time zone other than the server's: every lesson must land at its
// absolute instant, not at a floating wall-clock time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { spec } from '../../unit/timetable/support/world';
import { client, ruian, seedWorld, tokenFor } from './support/world';

const base = `/communities/${ruian.id}`;

/** The feed's events by UID, as a calendar app reads them. */
function parse(ics: string): Map<string, ICAL.Event> {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return new Map(events.map((e) => [e.uid, e]));
}

describe('iCalendar feeds read by ical.js', () => {
  let server: TestServer;
  let zoneBefore: string | undefined;

  beforeAll(async () => {
    // The reader is in New York; the server's schools are in Asia/Shanghai.
    zoneBefore = process.env.TZ;
    process.env.TZ = 'America/New_York';
    server = await startTongke({}, { now: () => Date.parse('2026-08-31T10:00:00+08:00') });
    await seedWorld(server);
    const c = client(server, tokenFor(server, { role: 'coordinator', communityIds: [ruian.id] }));
    // 数学, Tuesdays 第2节 08:50–09:30 at 瑞安市实验小学
    await c.post(`${base}/series`, { id: 'math', spec: spec() });
    await c.post(`${base}/series/math/propose`);
    await c.post(`${base}/series/math/respond`, {
      schoolId: 'sch-gaolou',
      decision: 'accepted',
      comment: '',
    });
    expect((await c.post(`${base}/series/math/publish`)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    if (zoneBefore === undefined) delete process.env.TZ;
    else process.env.TZ = zoneBefore;
  });

  it('puts the 08:50 Asia/Shanghai lesson at 00:50 UTC, in the teacher’s and the classroom’s feed', async () => {
    expect(new Date(0).getTimezoneOffset()).toBe(300); // the test reads in New York
    const teacher = client(
      server,
      tokenFor(server, { role: 'teacher', communityIds: [ruian.id], teacherId: 'teacher-wang' }),
    );
    for (const path of ['/ical/teachers/teacher-wang.ics', '/ical/classrooms/room-gaolou-1.ics']) {
      const feed = await teacher.get(path);
      expect(feed.status).toBe(200);
      const lesson = parse(feed.body as string).get('math:2026-09-01@tongke');
      expect(lesson, path).toBeDefined();
      const { startDate, endDate } = lesson!;
      expect(startDate.zone?.tzid, path).not.toBe('floating');
      expect(startDate.toJSDate().getTime(), path).toBe(Date.parse('2026-09-01T08:50:00+08:00'));
      expect(endDate.toJSDate().getTime(), path).toBe(Date.parse('2026-09-01T09:30:00+08:00'));
      expect(startDate.toUnixTime() * 1000, path).toBe(Date.parse('2026-09-01T00:50:00Z'));
      expect(lesson!.summary).toBe('同步课堂 数学（王老师）');
    }
  });
});
