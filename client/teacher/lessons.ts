// The signed-in teacher's lessons of today and the lesson actions (no DOM).
import type { Principal } from '../../shared/auth';
import type { JoinCheckReply, LessonSummary } from '../../shared/lessons';
import type { TeacherDayReply, TeacherWeekReply, TodayLesson } from '../../shared/timetable/api';
import { authorized } from '../lib/session';

export interface TeacherDay {
  me: Principal;
  lessons: LessonSummary[];
  /** her whole week (Monday to Sunday), taught or assisted, each with its state */
  week: TodayLesson[];
  /** the communities' clock, from the server */
  timeZone: string;
}

/**
 * The teacher's day: today's lessons from the timetable (the server's date, not this PC's:
 * office PCs' clocks drift), each with its state from the lesson clock, plus any lesson
 * whose research room is still open.
 */
export async function teacherDay(): Promise<TeacherDay> {
  const me = await authorized<Principal>('/api/auth/me');
  const [timetable, ...running] = await Promise.all([
    me.teacherId
      ? authorized<TeacherDayReply>(`/api/teachers/${encodeURIComponent(me.teacherId)}/today`)
      : Promise.resolve(undefined),
    ...me.communityIds.map((communityId) => {
      const q = new URLSearchParams({ communityId });
      if (me.teacherId) q.set('teacherId', me.teacherId);
      return authorized<LessonSummary[]>(`/api/lessons?${q}`);
    }),
  ]);
  const byId = new Map<string, LessonSummary>();
  for (const o of timetable?.lessons ?? []) {
    const { occurrenceId, communityId, teacherId, subject, start, end } = o;
    byId.set(occurrenceId, {
      occurrenceId,
      communityId,
      teacherId,
      subject,
      start,
      end,
      state: 'scheduled',
    });
  }
  for (const lesson of running.flat()) {
    if (byId.has(lesson.occurrenceId) || lesson.state === 'research')
      byId.set(lesson.occurrenceId, lesson);
  }
  const lessons = [...byId.values()].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const week = me.teacherId
    ? await authorized<TeacherWeekReply>(
        `/api/teachers/${encodeURIComponent(me.teacherId)}/week`,
      ).then(
        (w) => w.lessons,
        () => [], // the week is a help beside today's lessons, never a reason to fail
      )
    : [];
  return { me, lessons, week, timeZone: timetable?.timeZone ?? 'Asia/Shanghai' };
}

const action = (what: 'start' | 'end') => (occurrenceId: string) =>
  authorized(`/api/lessons/${encodeURIComponent(occurrenceId)}/${what}`, {
    method: 'POST',
    body: '{}',
  });

/** Goes live now (the bell has not rung yet: within the early-start limit). */
export const startLesson = action('start');
/** Ends the lesson now; the research room opens. */
export const endLesson = action('end');

/** Whether she may enter now, the lesson's state and the server's clock. */
export const joinCheck = (occurrenceId: string) =>
  authorized<JoinCheckReply>(`/api/lessons/${encodeURIComponent(occurrenceId)}/join`);

/** A lesson the teacher can enter now: not over, and its room open or about to be. */
export function enterable(lesson: LessonSummary): boolean {
  return lesson.state === 'scheduled' || lesson.state === 'open' || lesson.state === 'live';
}

/** Runs over (拖堂): the lesson now ends at `until`, within the server's late-end limit. */
export const extendLesson = (occurrenceId: string, until: string) =>
  authorized(`/api/lessons/${encodeURIComponent(occurrenceId)}/extend`, {
    method: 'POST',
    body: JSON.stringify({ until }),
  });
