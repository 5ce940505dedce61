// The lesson's join rules, pure: who may enter the room of this occurrence now, and as
// what. One part of the live room's one admission decision (server/live/admission.ts).
import type { Principal } from '../../shared/auth';
import type { LessonState } from '../../shared/lessons';
import type { ScheduledOccurrence } from '../../shared/timetable/occurrence';

export type JoinRole = 'teacher' | 'classroom' | 'observer';

export type JoinRefusal =
  | 'wrong_community'
  | 'lesson_cancelled'
  | 'lesson_not_open'
  | 'lesson_over'
  | 'classroom_not_in_lesson'
  | 'not_lesson_teacher'
  | 'role_not_allowed';

/** The lesson's part of the admission (server/live/admission.ts combines the parts). */
export type LessonGateDecision = { ok: true; role: JoinRole } | { ok: false; reason: JoinRefusal };

export interface JoinGateLimits {
  /** the lesson's teacher may enter this long before start, to start early */
  maxEarlyStartMs: number;
}

const refuse = (reason: JoinRefusal): LessonGateDecision => ({ ok: false, reason });

export function joinGate(
  principal: Principal,
  occurrence: ScheduledOccurrence,
  state: LessonState,
  now: number,
  limits: JoinGateLimits = { maxEarlyStartMs: 10 * 60_000 },
): LessonGateDecision {
  if (!principal.communityIds.includes(occurrence.communityId)) return refuse('wrong_community');
  if (occurrence.status === 'cancelled') return refuse('lesson_cancelled');
  if (state === 'ended' || state === 'research' || state === 'archived') {
    return refuse('lesson_over');
  }
  const inRoom = state === 'open' || state === 'live';

  switch (principal.role) {
    case 'device': {
      const classroom = principal.classroomId;
      const scheduledHere =
        classroom !== undefined &&
        (classroom === occurrence.coreClassroomId ||
          occurrence.memberClassroomIds.includes(classroom));
      if (!scheduledHere) return refuse('classroom_not_in_lesson');
      return inRoom ? { ok: true, role: 'classroom' } : refuse('lesson_not_open');
    }
    case 'teacher': {
      if (principal.teacherId !== occurrence.teacherId) return refuse('not_lesson_teacher');
      // The teacher may come in early enough to start early (scheduled → live directly).
      const earlyEnough = now >= Date.parse(occurrence.start) - limits.maxEarlyStartMs;
      return inRoom || earlyEnough ? { ok: true, role: 'teacher' } : refuse('lesson_not_open');
    }
    case 'coordinator':
    case 'observer':
      // 巡课: coordinators and observers watch, they do not teach.
      return inRoom ? { ok: true, role: 'observer' } : refuse('lesson_not_open');
    default:
      return refuse('role_not_allowed');
  }
}
