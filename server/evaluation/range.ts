// Which days a report covers: the range asked for, else the term that is on (a term is
// what a district evaluates). Pure: today and the calendars are given.
import type { ReportQuery, ReportRange } from '../../shared/evaluation';
import type { TermCalendar } from '../../shared/timetable/model';
import {
  addDays,
  isoWithOffset,
  isRealDate,
  localToEpoch,
  weekdayOf,
} from '../timetable/localTime';

export interface ResolvedRange extends ReportRange {
  /** [fromMs, toMs): lessons starting in it belong to the report */
  fromMs: number;
  toMs: number;
}

export class RangeError400 extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The term on today; else the latest one begun; else the first to come; else this month. */
export function termOn(calendars: readonly TermCalendar[], today: string): ReportRange {
  const sorted = [...calendars].sort((a, b) => a.firstDay.localeCompare(b.firstDay));
  const pick =
    sorted.find((c) => c.firstDay <= today && today <= c.lastDay) ??
    sorted.filter((c) => c.firstDay <= today).at(-1) ??
    sorted[0];
  if (pick) return { from: pick.firstDay, to: pick.lastDay, term: pick.name };
  return { from: `${today.slice(0, 8)}01`, to: today };
}

export function resolveRange(
  query: ReportQuery,
  calendars: readonly TermCalendar[],
  today: string,
  zone: string,
): ResolvedRange {
  for (const field of ['from', 'to'] as const) {
    const d = query[field];
    if (d !== undefined && !isRealDate(d))
      throw new RangeError400(`querystring/${field}`, `日期不存在 no such date: ${d}`);
  }
  const term = termOn(calendars, today);
  const range: ReportRange =
    query.from || query.to ? { from: query.from ?? term.from, to: query.to ?? term.to } : term;
  if (range.to < range.from)
    throw new RangeError400('querystring/to', `结束日期早于开始日期 to is before from`);
  return {
    ...range,
    fromMs: localToEpoch(range.from, '00:00', zone),
    toMs: localToEpoch(addDays(range.to, 1), '00:00', zone),
  };
}

/** The local date of an instant, yyyy-mm-dd (cheap: the zone's offset is cached). */
export const localDate = (ms: number, zone: string) => isoWithOffset(ms, zone).slice(0, 10);

/** The Monday of the week the instant falls in, yyyy-mm-dd. */
export function weekOf(ms: number, zone: string): string {
  const date = localDate(ms, zone);
  return addDays(date, 1 - weekdayOf(date));
}
