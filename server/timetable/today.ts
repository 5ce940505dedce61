// What a classroom PC must do today: the lesson to join now (in progress, or opening within
// the lead time), the one after, and the whole day's list.
import { teacherRole, type ScheduledOccurrence } from '../../shared/timetable/occurrence';
import { epochToLocal, localToEpoch, addDays } from './localTime';

export interface TodayLesson extends ScheduledOccurrence {
  role: 'core' | 'member';
}

export interface Today {
  date: string;
  now: TodayLesson | null;
  next: TodayLesson | null;
  lessons: TodayLesson[];
}

/** [start, end) of the local day holding `now`, ms since epoch. */
export function dayBounds(now: number, zone: string): { date: string; from: number; to: number } {
  const { date } = epochToLocal(now, zone);
  return {
    date,
    from: localToEpoch(date, '00:00', zone),
    to: localToEpoch(addDays(date, 1), '00:00', zone),
  };
}

export function todayFor(
  classroomId: string,
  occurrences: readonly ScheduledOccurrence[],
  now: number,
  zone: string,
  joinLeadMs = 10 * 60_000,
): Today {
  const { date, from, to } = dayBounds(now, zone);
  const lessons: TodayLesson[] = occurrences
    .filter((o) => o.status === 'scheduled')
    .filter((o) => o.coreClassroomId === classroomId || o.memberClassroomIds.includes(classroomId))
    .filter((o) => Date.parse(o.start) < to && Date.parse(o.end) > from)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .map((o) => ({ ...o, role: o.coreClassroomId === classroomId ? 'core' : 'member' }));
  const current =
    lessons.find((o) => Date.parse(o.start) - joinLeadMs <= now && now < Date.parse(o.end)) ?? null;
  const next = lessons.find((o) => o !== current && Date.parse(o.start) - joinLeadMs > now) ?? null;
  return { date, now: current, next, lessons };
}

/** A teacher's lessons of the local day holding `now`: those she teaches or assists in. */
export function teacherDay(
  teacherId: string,
  occurrences: readonly ScheduledOccurrence[],
  now: number,
  zone: string,
): { date: string; lessons: TodayLesson[] } {
  const { date, from, to } = dayBounds(now, zone);
  const lessons: TodayLesson[] = occurrences
    .filter((o) => o.status === 'scheduled')
    .filter((o) => Date.parse(o.start) < to && Date.parse(o.end) > from)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .flatMap((o) => {
      const role = teacherRole(teacherId, o);
      return role ? [{ ...o, role }] : [];
    });
  return { date, lessons };
}
