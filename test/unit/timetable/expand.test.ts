import { describe, expect, it } from 'vitest';
import { officialDay } from '../../../server/timetable/officialDays';
import { dayOf, officialCalendar, teachingWeek } from '../../../server/timetable/calendar';
import { expandSeries, toScheduled } from '../../../server/timetable/expand';
import { groupOverrides } from '../../../server/timetable/timetable';
import { core, series, term, zone } from './support/world';

const dates = (s = series('s1'), c = core) =>
  expandSeries(s, c, undefined, zone).occurrences.map((o) => o.date);

describe('term calendar from the official arrangement', () => {
  it('takes weekday holidays and 调休 working weekend days from chinese-days', () => {
    expect(term.holidays).toEqual(
      expect.arrayContaining(['2026-09-25', '2026-10-01', '2026-10-07']),
    );
    expect(term.holidays).not.toContain('2026-10-03'); // a Saturday is off anyway
    expect(term.makeUpDays.map((m) => m.date)).toEqual(['2026-09-20', '2026-10-10']);
    // each make-up day teaches the weekday of a holiday of the same festival it makes up
    expect(term.makeUpDays.map((m) => m.followsWeekday)).toEqual([4, 3]);
  });

  it('numbers teaching weeks from the week of the first day, Monday first', () => {
    expect(teachingWeek(term, '2026-09-01')).toBe(1); // a Tuesday
    expect(teachingWeek(term, '2026-09-06')).toBe(1); // Sunday of the same week
    expect(teachingWeek(term, '2026-09-07')).toBe(2);
    expect(dayOf(term, '2026-08-31')).toEqual({ kind: 'outside_term' });
    expect(dayOf(term, '2026-10-01')).toEqual({ kind: 'holiday' });
    expect(dayOf(term, '2026-09-20')).toEqual({ kind: 'teaching', followsWeekday: 4, week: 3 });
  });

  it('marks a make-up day with no official festival as Monday', () => {
    const c = officialCalendar('t', '2026-09-07', '2026-09-13', (d) =>
      d === '2026-09-12' ? { work: true, name: 'x' } : officialDay(d),
    );
    expect(c.makeUpDays).toEqual([{ date: '2026-09-12', followsWeekday: 1 }]);
  });
});

describe('expanding a series over the term', () => {
  it('gives every Tuesday of the term at the core school period, holidays skipped', () => {
    const d = dates();
    expect(d[0]).toBe('2026-09-01');
    expect(d).not.toContain('2026-10-06'); // 国庆 Tuesday
    expect(d.every((x) => new Date(`${x}T00:00:00Z`).getUTCDay() === 2)).toBe(true);
    expect(d.at(-1)).toBe('2027-01-19');
  });

  it('teaches on a make-up Saturday that follows a Wednesday timetable', () => {
    const d = dates(series('s1', { weekday: 3 }));
    expect(d).toContain('2026-10-10'); // Saturday, 调休 following Wednesday
    expect(d).not.toContain('2026-10-07'); // the Wednesday holiday
  });

  it('keeps only odd, even or listed teaching weeks', () => {
    const odd = dates(series('s1', { weeks: { kind: 'odd' } }));
    const even = dates(series('s1', { weeks: { kind: 'even' } }));
    expect(odd.slice(0, 3)).toEqual(['2026-09-01', '2026-09-15', '2026-09-29']);
    expect(even.slice(0, 2)).toEqual(['2026-09-08', '2026-09-22']);
    expect(odd.length + even.length).toBe(dates().length);
    expect(dates(series('s1', { weeks: { kind: 'list', weeks: [2, 5] } }))).toEqual([
      '2026-09-08',
      '2026-09-29',
    ]);
  });

  it('puts the occurrence at the core school clock time with the zone offset', () => {
    const [first] = expandSeries(series('s1'), core, undefined, zone).occurrences;
    expect(toScheduled(first!, zone)).toMatchObject({
      occurrenceId: 's1:2026-09-01',
      start: '2026-09-01T08:50:00+08:00',
      end: '2026-09-01T09:30:00+08:00',
      status: 'scheduled',
      version: 1,
    });
  });

  it('cancels, moves or substitutes one occurrence without touching the others', () => {
    const base = { seriesId: 's1', communityId: 'c', note: '', revision: 1, updatedAt: 0 };
    const overrides = groupOverrides([
      { ...base, date: '2026-09-08', cancelled: true },
      { ...base, date: '2026-09-15', cancelled: false, moveTo: { date: '2026-09-16', period: 3 } },
      { ...base, date: '2026-09-22', cancelled: false, substituteTeacherId: 'teacher-li' },
      { ...base, date: '2026-09-09', cancelled: true }, // not a date of the series: ignored
    ]);
    const occ = expandSeries(series('s1'), core, overrides.get('s1'), zone).occurrences;
    const byId = new Map(occ.map((o) => [o.occurrenceId, o]));
    expect(occ).toHaveLength(dates().length);
    expect(byId.get('s1:2026-09-08')?.status).toBe('cancelled');
    expect(byId.get('s1:2026-09-15')).toMatchObject({ date: '2026-09-16', period: 3, moved: true });
    expect(byId.get('s1:2026-09-15')?.clock).toEqual({ start: '09:40', end: '10:20' });
    expect(byId.get('s1:2026-09-22')).toMatchObject({ teacherId: 'teacher-li', substituted: true });
    expect(byId.get('s1:2026-09-29')).toMatchObject({ teacherId: 'teacher-wang', moved: false });
    // a changed occurrence has a newer version, so the lesson clock takes the change
    expect(byId.get('s1:2026-09-22')?.version).toBe(2);
    expect(byId.get('s1:2026-09-29')?.version).toBe(1);
  });

  it('reports a period the core school does not ring and expands nothing', () => {
    const e = expandSeries(series('s1', { period: 9 }), core, undefined, zone);
    expect(e.occurrences).toEqual([]);
    expect(e.problems.map((p) => p.code)).toEqual(['no_such_period']);
  });

  it('uses the bell of the day a school rings differently', () => {
    const friday = {
      ...core,
      bellSchedule: {
        ...core.bellSchedule,
        byWeekday: [{ weekday: 5, periods: [{ n: 2, start: '09:00', end: '09:35' }] }],
      },
    };
    const [first] = expandSeries(series('s1', { weekday: 5 }), friday, undefined, zone).occurrences;
    expect(first?.clock).toEqual({ start: '09:00', end: '09:35' });
  });
});
