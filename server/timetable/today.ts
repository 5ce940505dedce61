// What a classroom PC must do today: the lesson to join now (its room is open or live, or
// opens within the lesson clock's lead time), the one after, and the whole day's list.
// A lesson the clock has already ended is neither: the PC waits for its next lesson.
import { teacherRole, type ScheduledOccurrence } from '../../shared/timetable/occurrence';
import type { LessonState } from '../../shared/lessons';
import { epochToLocal, localToEpoch, addDays, weekdayOf } from './localTime';

export interface TodayLesson extends ScheduledOccurrence {
  role: 'core' | 'member';
  /** the lesson clock's state, where it has a record of the lesson */
  lessonState?: LessonState;
}

export interface Today {
  date: string;
  now: TodayLesson | null;
  next: TodayLesson | null;
  lessons: TodayLesson[];
}

export interface TodayRules {
  /** how long before the bell the lesson clock opens a room (LESSON_OPEN_LEAD_MIN) */
  openLeadMs: number;
  /** the lesson clock's states by occurrence id; a lesson without one is 'scheduled' */
  states?: ReadonlyMap<string, LessonState>;
}

const finished: readonly LessonState[] = ['ended', 'research', 'archived'];
const running: readonly LessonState[] = ['open', 'live'];

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
  rules: TodayRules,
): Today {
  const { date, from, to } = dayBounds(now, zone);
  const lessons: TodayLesson[] = occurrences
    .filter((o) => o.status === 'scheduled')
    .filter((o) => o.coreClassroomId === classroomId || o.memberClassroomIds.includes(classroomId))
    .filter((o) => Date.parse(o.start) < to && Date.parse(o.end) > from)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .map((o) => {
      const lessonState = rules.states?.get(o.occurrenceId);
      return {
        ...o,
        role: o.coreClassroomId === classroomId ? 'core' : 'member',
        ...(lessonState ? { lessonState } : {}),
      };
    });
  const opensAt = (o: TodayLesson) => Date.parse(o.start) - rules.openLeadMs;
  const state = (o: TodayLesson): LessonState => o.lessonState ?? 'scheduled';
  // The room's state decides when the clock knows it (a teacher may start early, or end
  // early); the bell decides only for a lesson the clock has not opened yet.
  const joinable = (o: TodayLesson) =>
    running.includes(state(o)) ||
    (state(o) === 'scheduled' && opensAt(o) <= now && now < Date.parse(o.end));
  const current = lessons.find(joinable) ?? null;
  const next =
    lessons.find((o) => o !== current && !finished.includes(state(o)) && opensAt(o) > now) ?? null;
  return { date, now: current, next, lessons };
}

/** The lessons a teacher teaches or assists in (辅导教师) overlapping [from, to), in order. */
function teacherLessons(
  teacherId: string,
  occurrences: readonly ScheduledOccurrence[],
  from: number,
  to: number,
  states: ReadonlyMap<string, LessonState> = new Map(),
): TodayLesson[] {
  return occurrences
    .filter((o) => o.status === 'scheduled')
    .filter((o) => Date.parse(o.start) < to && Date.parse(o.end) > from)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .flatMap((o) => {
      const role = teacherRole(teacherId, o);
      const lessonState = states.get(o.occurrenceId);
      return role ? [{ ...o, role, ...(lessonState ? { lessonState } : {}) }] : [];
    });
}

/** A teacher's lessons of the local day holding `now`: those she teaches or assists in. */
export function teacherDay(
  teacherId: string,
  occurrences: readonly ScheduledOccurrence[],
  now: number,
  zone: string,
): { date: string; lessons: TodayLesson[] } {
  const { date, from, to } = dayBounds(now, zone);
  return { date, lessons: teacherLessons(teacherId, occurrences, from, to) };
}

/** The Monday-to-Sunday week holding `date`, as [from, to) ms since epoch. */
export function weekBounds(
  date: string,
  zone: string,
): { weekStart: string; from: number; to: number } {
  const weekStart = addDays(date, 1 - weekdayOf(date));
  return {
    weekStart,
    from: localToEpoch(weekStart, '00:00', zone),
    to: localToEpoch(addDays(weekStart, 7), '00:00', zone),
  };
}

/**
 * A teacher's week: every lesson she teaches or assists in (辅导教师) from Monday to
 * Sunday, each with the lesson clock's state where it has one.
 */
export function teacherWeek(
  teacherId: string,
  occurrences: readonly ScheduledOccurrence[],
  date: string,
  zone: string,
  states: ReadonlyMap<string, LessonState> = new Map(),
): { weekStart: string; lessons: TodayLesson[] } {
  const { weekStart, from, to } = weekBounds(date, zone);
  return { weekStart, lessons: teacherLessons(teacherId, occurrences, from, to, states) };
}
