// What to change in a school's bell schedule when a lesson finds no period there: said in
// the conflict itself, so the coordinator's lesson form tells her where to go. Pure.
import type { BellSchedule } from '../../shared/timetable/model';
import { periodsOn } from './bellSchedule';

const dayName = (weekday: number) => `周${'一二三四五六日'[weekday - 1] ?? weekday}`;

/** A member school whose day has no period holding the lesson's `start`–`end`. */
export function memberBellAdvice(
  schoolName: string,
  bell: BellSchedule,
  weekday: number,
  start: string,
  end: string,
): string {
  const own = bell.byWeekday?.some((d) => d.weekday === weekday);
  const near = periodsOn(bell, weekday).find((p) => p.end > start && p.start < end);
  const move = near ? `，或把第${near.n}节（${near.start}–${near.end}）调到 ${start}–${end}` : '';
  return `请在“${schoolName}”的作息时间里${own ? `修改${dayName(weekday)}的节次` : `为${dayName(weekday)}单独设置节次`}：加一节 ${start}–${end}${move} Change ${schoolName}'s bell for that weekday`;
}

/** The core school has no such period on the lesson's weekday. */
export function coreBellAdvice(schoolName: string, weekday: number, period: number): string {
  return `请选另一节，或在“${schoolName}”的作息时间里为${dayName(weekday)}加上第${period}节 Pick another period or add it to ${schoolName}'s bell for that weekday`;
}
