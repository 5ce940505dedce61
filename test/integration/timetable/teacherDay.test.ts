// GET /api/teachers/:id/today: the teacher's screen lists her whole day from the timetable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { occurrence } from '../../unit/lessons/support/occurrences';
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
});
