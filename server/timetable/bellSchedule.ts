// Which periods ring on which weekday, and where each falls on the day's clock.
import type { BellSchedule, Period } from '../../shared/timetable/model';
import { minutesOf } from './localTime';
import type { Interval } from './interval';

export function periodsOn(schedule: BellSchedule, weekday: number): Period[] {
  return schedule.byWeekday?.find((d) => d.weekday === weekday)?.periods ?? schedule.periods;
}

export function periodOf(schedule: BellSchedule, weekday: number, n: number): Period | undefined {
  return periodsOn(schedule, weekday).find((p) => p.n === n);
}

/** Minutes since midnight. */
export function periodMinutes(p: Period): Interval {
  return { start: minutesOf(p.start), end: minutesOf(p.end) };
}

/** Every reason the schedule cannot be used, as `field: reason` (empty when fine). */
export function bellScheduleProblems(schedule: BellSchedule): string[] {
  const problems: string[] = [];
  const days = [{ field: 'periods', periods: schedule.periods }].concat(
    (schedule.byWeekday ?? []).map((d, i) => ({
      field: `byWeekday/${i}/periods`,
      periods: d.periods,
    })),
  );
  for (const { field, periods } of days) {
    const seen = new Set<number>();
    let lastEnd = -1;
    periods.forEach((p, i) => {
      const { start, end } = periodMinutes(p);
      if (end <= start) problems.push(`${field}/${i}: 第${p.n}节 ends before it starts`);
      if (start < lastEnd) problems.push(`${field}/${i}: 第${p.n}节 overlaps the period before`);
      if (seen.has(p.n)) problems.push(`${field}/${i}: period ${p.n} appears twice`);
      seen.add(p.n);
      lastEnd = end;
    });
  }
  const weekdays = (schedule.byWeekday ?? []).map((d) => d.weekday);
  if (new Set(weekdays).size !== weekdays.length) problems.push('byWeekday: a weekday twice');
  return problems;
}
