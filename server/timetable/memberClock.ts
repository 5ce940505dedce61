// How a core-school slot looks on a member school's own bell: the member sees the same
// instant on its own clock, and the period it overlaps most. Too little overlap is flagged.
import type { BellSchedule } from '../../shared/timetable/model';
import { periodMinutes, periodsOn } from './bellSchedule';
import { overlapLength, type Interval } from './interval';

export interface MemberSlot {
  /** the member's period overlapping most, or null when none does */
  period: number | null;
  /** share of the lesson that falls in that member period, 0..1 */
  overlap: number;
  fits: boolean;
}

/** Default: at least 80 % of the lesson must fall inside one of the member's periods. */
export const defaultMinOverlap = 0.8;

export function memberSlot(
  lesson: Interval,
  memberBell: BellSchedule,
  weekday: number,
  minOverlap = defaultMinOverlap,
): MemberSlot {
  let best: { n: number; length: number } | undefined;
  for (const p of periodsOn(memberBell, weekday)) {
    const length = overlapLength(lesson, periodMinutes(p));
    if (length > 0 && (!best || length > best.length)) best = { n: p.n, length };
  }
  const total = lesson.end - lesson.start;
  const overlap = best && total > 0 ? best.length / total : 0;
  return { period: best?.n ?? null, overlap, fits: overlap >= minOverlap };
}
