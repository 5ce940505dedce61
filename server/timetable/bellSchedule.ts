// Which periods ring on which weekday, and where each falls on the day's clock.
import type { BellSchedule, Period } from '../../shared/timetable/model';
import { minutesOf } from './localTime';
import type { Interval } from './interval';
import { problem, type FieldProblem } from './fieldProblem';

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

/** Every reason the schedule cannot be used, by field (empty when fine). */
export function bellScheduleProblems(schedule: BellSchedule): FieldProblem[] {
  const problems: FieldProblem[] = [];
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
      const at = `${field}/${i}`;
      if (end <= start) problems.push(problem(at, 'period_ends_before_start', { n: p.n }));
      if (start < lastEnd) problems.push(problem(at, 'period_overlaps', { n: p.n }));
      if (seen.has(p.n)) problems.push(problem(at, 'period_twice', { n: p.n }));
      seen.add(p.n);
      lastEnd = end;
    });
  }
  const weekdays = (schedule.byWeekday ?? []).map((d) => d.weekday);
  if (new Set(weekdays).size !== weekdays.length)
    problems.push(problem('byWeekday', 'weekday_twice'));
  return problems;
}
