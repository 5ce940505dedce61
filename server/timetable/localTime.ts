// School-local dates and wall-clock times turned into instants in a named time zone.
// Memoised because a term has few distinct (date, time) pairs and Temporal is not cheap.
import { Temporal } from 'temporal-polyfill';

const epochCache = new Map<string, number>();
const offsetCache = new Map<string, string>();

/** ms since epoch of `date` `time` (HH:MM) on the wall clock of `zone`. */
export function localToEpoch(date: string, time: string, zone: string): number {
  const key = `${zone}|${date}T${time}`;
  let ms = epochCache.get(key);
  if (ms === undefined) {
    ms = Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(zone).epochMilliseconds;
    if (epochCache.size > 200_000) epochCache.clear();
    epochCache.set(key, ms);
  }
  return ms;
}

/** The wall-clock date and time of an instant in `zone`. */
export function epochToLocal(ms: number, zone: string): { date: string; time: string } {
  const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
  return {
    date: z.toPlainDate().toString(),
    time: z.toPlainTime().toString({ smallestUnit: 'minute' }),
  };
}

/** ISO 8601 with the zone's offset, e.g. 2026-09-01T08:00:00+08:00. */
export function isoWithOffset(ms: number, zone: string): string {
  // Offsets change at most at DST steps; an hour-granular cache is exact enough for lessons.
  const key = `${zone}|${Math.floor(ms / 3_600_000)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).offset;
    if (offsetCache.size > 200_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  const shifted = new Date(ms + sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000);
  return `${shifted.toISOString().slice(0, 19)}${offset}`;
}

const DAY = 86_400_000;
const utcOf = (date: string) =>
  Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const d = new Date(utcOf(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addDays(date: string, days: number): string {
  return new Date(utcOf(date) + days * DAY).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utcOf(b) - utcOf(a)) / DAY);
}

/** A real calendar date (2026-02-30 is not). */
export function isRealDate(date: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(utcOf(date)).toISOString().slice(0, 10) === date
  );
}

export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
