// GET /api/teachers/:id/today: the teacher's screen lists her whole day from the timetable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';

const o = occurrence();

describe("a teacher's day", () => {
  let s: LessonServer;
  beforeAll(async () => {
    s = await startLessonServer(); // 08:00; her lesson is at 09:00, beyond the clock's lookahead
  });
  afterAll(() => s?.close());

  it('lists her lessons of the server’s today', async () => {
    const res = await s.api('/api/teachers/teacher-wang/today', { token: s.tokens.wang });
    expect(res.status).toBe(200);
    const day = (await res.json()) as { date: string; lessons: { occurrenceId: string }[] };
    expect(day.date).toBe('2025-09-01');
    // The screens show times on the communities' clock, taken from here.
    expect((day as unknown as { timeZone: string }).timeZone).toBe('Asia/Shanghai');
    expect(day.lessons.map((l) => l.occurrenceId)).toEqual([o.occurrenceId]);
  });

  it('shows a coordinator her day, and refuses another teacher', async () => {
    const coordinator = await s.api('/api/teachers/teacher-wang/today', {
      token: s.tokens.coordinator,
    });
    expect(((await coordinator.json()) as { lessons: unknown[] }).lessons).toHaveLength(1);
    const other = await s.api('/api/teachers/teacher-wang/today', { token: s.tokens.li });
    expect(other.status).toBe(403);
    const outsider = await s.api('/api/teachers/teacher-wang/today', { token: s.tokens.outsider });
    expect(((await outsider.json()) as { lessons: unknown[] }).lessons).toHaveLength(0);
  });

  it('lists her week, Monday to Sunday, with each lesson’s state', async () => {
    // Thursday's lesson of the same week, and one of the next week, which is not listed.
    s.source.put(
      occurrence({
        occurrenceId: 'series-math:2025-09-04',
        start: '2025-09-04T09:00:00+08:00',
        end: '2025-09-04T09:40:00+08:00',
      }),
    );
    s.source.put(
      occurrence({
        occurrenceId: 'series-math:2025-09-08',
        start: '2025-09-08T09:00:00+08:00',
        end: '2025-09-08T09:40:00+08:00',
      }),
    );
    await s.clock.advanceTo(Date.parse(o.start) - 4 * MIN); // Monday's room is open
    const res = await s.api('/api/teachers/teacher-wang/week', { token: s.tokens.wang });
    expect(res.status).toBe(200);
    const week = (await res.json()) as {
      weekStart: string;
      lessons: { occurrenceId: string; role: string; lessonState?: string }[];
    };
    expect(week.weekStart).toBe('2025-09-01');
    expect(week.lessons.map((l) => [l.occurrenceId, l.role, l.lessonState ?? 'scheduled'])).toEqual(
      [
        [o.occurrenceId, 'core', 'open'],
        ['series-math:2025-09-04', 'core', 'scheduled'],
      ],
    );
    const next = await s.api('/api/teachers/teacher-wang/week?date=2025-09-10', {
      token: s.tokens.wang,
    });
    expect(
      ((await next.json()) as { lessons: { occurrenceId: string }[] }).lessons.map(
        (l) => l.occurrenceId,
      ),
    ).toEqual(['series-math:2025-09-08']);
    const bad = await s.api('/api/teachers/teacher-wang/week?date=2025-13-40', {
      token: s.tokens.wang,
    });
    expect(bad.status).toBe(400);
    const other = await s.api('/api/teachers/teacher-wang/week', { token: s.tokens.li });
    expect(other.status).toBe(403);
  });
});
