// Editing a bell schedule day by day: the ordinary day's periods, and the weekdays that ring
// differently (a Monday assembly, a short Friday afternoon, an extra period) as overrides on
// top of it. Pure, shared by the coordinator's bell editor and its tests; the server checks
// the result (server/timetable/bellSchedule.ts).
import type { BellSchedule, Period } from './model';

/** The periods that ring on `weekday`: its own list where it has one, else the ordinary day's. */
export function periodsOnDay(schedule: BellSchedule, weekday: number): Period[] {
  return schedule.byWeekday?.find((d) => d.weekday === weekday)?.periods ?? schedule.periods;
}

export const ownDay = (schedule: BellSchedule, weekday: number) =>
  schedule.byWeekday?.some((d) => d.weekday === weekday) ?? false;

const samePeriods = (a: readonly Period[], b: readonly Period[]) =>
  a.length === b.length &&
  a.every((p, i) => p.n === b[i]!.n && p.start === b[i]!.start && p.end === b[i]!.end);

const byStart = (periods: readonly Period[]) =>
  [...periods].sort((a, b) => a.start.localeCompare(b.start) || a.n - b.n);

/**
 * The schedule with `weekday`'s periods set: `undefined` (or the ordinary day's very list)
 * drops the override, so a day rings like the others again. Weekday 0 is the ordinary day;
 * an override equal to the new ordinary day is dropped too.
 */
export function withDay(
  schedule: BellSchedule,
  weekday: number,
  periods: readonly Period[] | undefined,
): BellSchedule {
  const base = weekday === 0 && periods ? byStart(periods) : schedule.periods;
  const days = (schedule.byWeekday ?? [])
    .filter((d) => d.weekday !== weekday)
    .concat(weekday > 0 && periods ? [{ weekday, periods: byStart(periods) }] : [])
    .filter((d) => !samePeriods(d.periods, base))
    .sort((a, b) => a.weekday - b.weekday);
  return days.length ? { periods: base, byWeekday: days } : { periods: base };
}

const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const toClock = (m: number) =>
  `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A period to add after the last one: the next number, a 10-minute break, as long as the last. */
export function nextPeriod(periods: readonly Period[]): Period {
  const last = byStart(periods).at(-1);
  if (!last) return { n: 1, start: '08:00', end: '08:40' };
  const length = Math.max(5, toMin(last.end) - toMin(last.start));
  const start = Math.min(toMin(last.end) + 10, 23 * 60 + 59 - length);
  return {
    n: Math.min(20, Math.max(...periods.map((p) => p.n)) + 1),
    start: toClock(start),
    end: toClock(start + length),
  };
}
