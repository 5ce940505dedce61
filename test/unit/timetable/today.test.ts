import { describe, expect, it } from 'vitest';
import { teacherDay, todayFor } from '../../../server/timetable/today';
import { expandSeries, toScheduled } from '../../../server/timetable/expand';
import { core, series, zone } from './support/world';
import type { LessonState } from '../../../shared/lessons';

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
// The lesson clock opens rooms five minutes before the bell (LESSON_OPEN_LEAD_MIN).
const rules = { openLeadMs: 5 * 60_000 };
const withStates = (states: Record<string, LessonState>) => ({
  ...rules,
  states: new Map(Object.entries(states)),
});

describe("a classroom's lessons today", () => {
  it('before the bell: nothing to join yet, the first lesson next', () => {
    const t = todayFor('room-gaolou-1', occurrences, at('2026-09-01T07:30:00+08:00'), zone, rules);
    expect(t.date).toBe('2026-09-01');
    expect(t.now).toBeNull();
    expect(t.next?.occurrenceId).toBe('math:2026-09-01');
    expect(t.lessons.map((l) => [l.occurrenceId, l.role])).toEqual([
      ['math:2026-09-01', 'member'],
      ['chinese:2026-09-01', 'member'],
    ]);
  });

  it('from the room opening (five minutes before) and during a lesson: join it', () => {
    for (const time of ['08:45', '09:29']) {
      const t = todayFor(
        'room-gaolou-1',
        occurrences,
        at(`2026-09-01T${time}:00+08:00`),
        zone,
        rules,
      );
      expect(t.now?.occurrenceId).toBe('math:2026-09-01');
      expect(t.next?.occurrenceId).toBe('chinese:2026-09-01');
    }
  });

  it('before the room opens the lesson is next, not now (the join would be refused)', () => {
    const t = todayFor('room-gaolou-1', occurrences, at('2026-09-01T08:40:00+08:00'), zone, rules);
    expect(t.now).toBeNull();
    expect(t.next?.occurrenceId).toBe('math:2026-09-01');
  });

  it('a lesson the teacher started early is now, before its room would have opened', () => {
    const t = todayFor(
      'room-gaolou-1',
      occurrences,
      at('2026-09-01T08:42:00+08:00'),
      zone,
      withStates({ 'math:2026-09-01': 'live' }),
    );
    expect(t.now?.occurrenceId).toBe('math:2026-09-01');
    expect(t.now?.lessonState).toBe('live');
  });

  it('a lesson ended early is neither now nor next: the PC waits for the next lesson', () => {
    for (const state of ['ended', 'research', 'archived'] as const) {
      const t = todayFor(
        'room-gaolou-1',
        occurrences,
        at('2026-09-01T09:10:00+08:00'),
        zone,
        withStates({ 'math:2026-09-01': state }),
      );
      expect(t.now).toBeNull();
      expect(t.next?.occurrenceId).toBe('chinese:2026-09-01');
      expect(t.lessons.find((l) => l.occurrenceId === 'math:2026-09-01')?.lessonState).toBe(state);
    }
  });

  it('the core classroom sees only its own lessons, as core', () => {
    const t = todayFor('room-core-301', occurrences, at('2026-09-01T09:00:00+08:00'), zone, rules);
    expect(t.lessons.map((l) => l.role)).toEqual(['core']);
    expect(t.next).toBeNull();
  });

  it('a day without lessons, and cancelled lessons, give nothing', () => {
    expect(
      todayFor('room-gaolou-1', occurrences, at('2026-09-02T09:00:00+08:00'), zone, rules).lessons,
    ).toEqual([]);
    const cancelled = occurrences.map((o) => ({ ...o, status: 'cancelled' as const }));
    expect(
      todayFor('room-gaolou-1', cancelled, at('2026-09-01T09:00:00+08:00'), zone, rules).now,
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
