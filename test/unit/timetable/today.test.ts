import { describe, expect, it } from 'vitest';
import { teacherDay, todayFor } from '../../../server/timetable/today';
import { expandSeries, toScheduled } from '../../../server/timetable/expand';
import { core, series, zone } from './support/world';

const occurrences = [
  ...expandSeries(series('math'), core, undefined, zone).occurrences,
  ...expandSeries(
    series('chinese', {
      period: 4,
      teacherId: 'teacher-li',
      coreClassroomId: 'room-core-302',
      memberTeachers: [{ classroomId: 'room-gaolou-1', teacherId: 'teacher-zhao' }],
    }),
    core,
    undefined,
    zone,
  ).occurrences,
].map((o) => toScheduled(o, zone));
const at = (iso: string) => Date.parse(iso);

describe("a classroom's lessons today", () => {
  it('before the bell: nothing to join yet, the first lesson next', () => {
    const t = todayFor('room-gaolou-1', occurrences, at('2026-09-01T07:30:00+08:00'), zone);
    expect(t.date).toBe('2026-09-01');
    expect(t.now).toBeNull();
    expect(t.next?.occurrenceId).toBe('math:2026-09-01');
    expect(t.lessons.map((l) => [l.occurrenceId, l.role])).toEqual([
      ['math:2026-09-01', 'member'],
      ['chinese:2026-09-01', 'member'],
    ]);
  });

  it('ten minutes before and during a lesson: join it; the next one follows', () => {
    for (const time of ['08:40', '09:29']) {
      const t = todayFor('room-gaolou-1', occurrences, at(`2026-09-01T${time}:00+08:00`), zone);
      expect(t.now?.occurrenceId).toBe('math:2026-09-01');
      expect(t.next?.occurrenceId).toBe('chinese:2026-09-01');
    }
  });

  it('the core classroom sees only its own lessons, as core', () => {
    const t = todayFor('room-core-301', occurrences, at('2026-09-01T09:00:00+08:00'), zone);
    expect(t.lessons.map((l) => l.role)).toEqual(['core']);
    expect(t.next).toBeNull();
  });

  it('a day without lessons, and cancelled lessons, give nothing', () => {
    expect(
      todayFor('room-gaolou-1', occurrences, at('2026-09-02T09:00:00+08:00'), zone).lessons,
    ).toEqual([]);
    const cancelled = occurrences.map((o) => ({ ...o, status: 'cancelled' as const }));
    expect(
      todayFor('room-gaolou-1', cancelled, at('2026-09-01T09:00:00+08:00'), zone).now,
    ).toBeNull();
  });
});

describe("a teacher's lessons today", () => {
  it('lists those she teaches and those she keeps a member classroom of (辅导教师)', () => {
    const day = (id: string) =>
      teacherDay(id, occurrences, at('2026-09-01T07:30:00+08:00'), zone).lessons.map((l) => [
        l.occurrenceId,
        l.role,
      ]);
    expect(day('teacher-li')).toEqual([['chinese:2026-09-01', 'core']]);
    expect(day('teacher-zhao')).toEqual([['chinese:2026-09-01', 'member']]);
    expect(day('teacher-nobody')).toEqual([]);
  });
});
