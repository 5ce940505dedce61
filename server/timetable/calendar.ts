// A school's term calendar: which dates teach, following which weekday's timetable, and
// which teaching week each date is in.
import type { TermCalendar } from '../../shared/timetable/model';
import { addDays, daysBetween, isRealDate, weekdayOf } from './localTime';
import { problem, type FieldProblem } from './fieldProblem';

export type Day =
  | { kind: 'teaching'; followsWeekday: number; week: number }
  | { kind: 'holiday' }
  | { kind: 'weekend' }
  | { kind: 'outside_term' };

export interface TeachingDay {
  date: string;
  /** the weekday whose timetable is taught (another one on a 调休 make-up day) */
  followsWeekday: number;
  /** 1 = the Monday-to-Sunday week holding the term's first day */
  week: number;
}

/** Teaching week of a date; week 1 holds the term's first day, weeks start on Monday. */
export function teachingWeek(calendar: TermCalendar, date: string): number {
  const firstMonday = addDays(calendar.firstDay, 1 - weekdayOf(calendar.firstDay));
  return Math.floor(daysBetween(firstMonday, date) / 7) + 1;
}

export function dayOf(calendar: TermCalendar, date: string): Day {
  if (date < calendar.firstDay || date > calendar.lastDay) return { kind: 'outside_term' };
  if (calendar.holidays.includes(date)) return { kind: 'holiday' };
  const week = teachingWeek(calendar, date);
  const makeUp = calendar.makeUpDays.find((m) => m.date === date);
  if (makeUp) return { kind: 'teaching', followsWeekday: makeUp.followsWeekday, week };
  const weekday = weekdayOf(date);
  if (weekday >= 6) return { kind: 'weekend' };
  return { kind: 'teaching', followsWeekday: weekday, week };
}

// Calendars are immutable values once loaded: expanding many series over one calendar
// walks the term once.
const teachingDaysCache = new WeakMap<TermCalendar, TeachingDay[]>();

export function teachingDays(calendar: TermCalendar): TeachingDay[] {
  let days = teachingDaysCache.get(calendar);
  if (days) return days;
  days = [];
  const total = daysBetween(calendar.firstDay, calendar.lastDay);
  for (let i = 0; i <= total && i < 400; i++) {
    const date = addDays(calendar.firstDay, i);
    const d = dayOf(calendar, date);
    if (d.kind === 'teaching') days.push({ date, followsWeekday: d.followsWeekday, week: d.week });
  }
  teachingDaysCache.set(calendar, days);
  return days;
}

/** Every reason the calendar cannot be used, by field (empty when fine). */
export function calendarProblems(calendar: TermCalendar): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['firstDay', 'lastDay'] as const) {
    if (!isRealDate(calendar[field]))
      problems.push(problem(field, 'not_a_date', { date: calendar[field] }));
  }
  if (calendar.lastDay < calendar.firstDay) problems.push(problem('lastDay', 'last_before_first'));
  if (daysBetween(calendar.firstDay, calendar.lastDay) > 366)
    problems.push(problem('lastDay', 'term_too_long'));
  calendar.holidays.forEach((d, i) => {
    if (!isRealDate(d)) problems.push(problem(`holidays/${i}`, 'not_a_date', { date: d }));
  });
  calendar.makeUpDays.forEach((m, i) => {
    const field = `makeUpDays/${i}/date`;
    if (!isRealDate(m.date)) problems.push(problem(field, 'not_a_date', { date: m.date }));
    if (calendar.holidays.includes(m.date))
      problems.push(problem(field, 'make_up_on_holiday', { date: m.date }));
  });
  return problems;
}

/** What chinese-days (or another official source) says about a date. */
export interface OfficialDay {
  work: boolean;
  /** e.g. `National Day,国庆节,3`; the festival a 调休 day belongs to */
  name: string;
}

/**
 * A term calendar from the official holiday arrangement: weekday holidays become holidays,
 * working weekend days become make-up days. A make-up day teaches the timetable of the
 * nearest weekday holiday of the same festival (the day whose work it makes up); schools
 * announce it, so the coordinator can change it afterwards.
 */
export function officialCalendar(
  name: string,
  firstDay: string,
  lastDay: string,
  lookup: (date: string) => OfficialDay,
): TermCalendar {
  const holidays: string[] = [];
  const makeUps: { date: string; festival: string }[] = [];
  const festivalDays = new Map<string, string[]>();
  const span = daysBetween(firstDay, lastDay);
  // Festivals reach past the term's ends (a 调休 day in term may make up a day after it).
  for (let i = -14; i <= span + 14; i++) {
    const date = addDays(firstDay, i);
    const day = lookup(date);
    const weekend = weekdayOf(date) >= 6;
    const festival = day.name.split(',')[1] ?? day.name;
    if (!day.work && !weekend) {
      if (i >= 0 && i <= span) holidays.push(date);
      festivalDays.set(festival, [...(festivalDays.get(festival) ?? []), date]);
    } else if (day.work && weekend && i >= 0 && i <= span) {
      makeUps.push({ date, festival });
    }
  }
  const used = new Set<string>();
  const makeUpDays = makeUps.map(({ date, festival }) => {
    const candidates = (festivalDays.get(festival) ?? [])
      .filter((d) => !used.has(d))
      .sort((a, b) => Math.abs(daysBetween(date, a)) - Math.abs(daysBetween(date, b)));
    const pick = candidates[0];
    if (pick) used.add(pick);
    return { date, followsWeekday: pick ? weekdayOf(pick) : 1 };
  });
  return { name, firstDay, lastDay, holidays, makeUpDays };
}
