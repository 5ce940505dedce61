// The signed-in teacher's lessons of today and the lesson actions (no DOM).
import type { Principal } from '../../shared/auth';
import type { LessonSummary } from '../../shared/lessons';
import { authorized } from '../lib/session';

export interface TeacherDay {
  me: Principal;
  lessons: LessonSummary[];
}

/**
 * The teacher's lessons the clock is running or about to run, and those whose research
 * room is open: not filtered by this PC's date (classroom and office PCs' clocks drift; the
 * server's lesson clock is the one that counts).
 */
export async function teacherDay(): Promise<TeacherDay> {
  const me = await authorized<Principal>('/api/auth/me');
  const lists = await Promise.all(
    me.communityIds.map((communityId) => {
      const q = new URLSearchParams({ communityId });
      if (me.teacherId) q.set('teacherId', me.teacherId);
      return authorized<LessonSummary[]>(`/api/lessons?${q}`);
    }),
  );
  const lessons = lists
    .flat()
    .filter((l) => l.state !== 'ended' && l.state !== 'archived')
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return { me, lessons };
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

/** A lesson the teacher can enter now: not over, and its room open or about to be. */
export function enterable(lesson: LessonSummary): boolean {
  return lesson.state === 'scheduled' || lesson.state === 'open' || lesson.state === 'live';
}
