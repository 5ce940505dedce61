// What a person may do to a running lesson, decided as pure functions: start early, end,
// run over, close the research room. Each answers ok or a reason code.
import type { Principal } from '../../shared/auth';
import type { LessonRecord } from '../../shared/lessons';
import type { LifecycleSettings } from './settings';
import { startOf } from './transitions';

export type ActionDecision = { ok: true } | { ok: false; reason: ActionRefusal };

export type ActionRefusal =
  | 'wrong_community'
  | 'not_lesson_teacher'
  | 'too_early'
  | 'already_live'
  | 'lesson_over'
  | 'not_live'
  | 'beyond_late_limit'
  | 'in_the_past'
  | 'research_not_open';

const refuse = (reason: ActionRefusal): ActionDecision => ({ ok: false, reason });
const ok: ActionDecision = { ok: true };

/** The lesson's own teacher, or a coordinator of its community. */
export function mayControl(principal: Principal, r: LessonRecord): ActionDecision {
  if (!principal.communityIds.includes(r.occurrence.communityId)) return refuse('wrong_community');
  if (principal.role === 'coordinator') return ok;
  if (principal.role === 'teacher' && principal.teacherId === r.occurrence.teacherId) return ok;
  return refuse('not_lesson_teacher');
}

export function checkStart(r: LessonRecord, now: number, s: LifecycleSettings): ActionDecision {
  if (r.state === 'live') return refuse('already_live');
  if (r.state !== 'scheduled' && r.state !== 'open') return refuse('lesson_over');
  if (now < startOf(r.occurrence) - s.maxEarlyStartMs) return refuse('too_early');
  return ok;
}

export function checkEnd(r: LessonRecord): ActionDecision {
  return r.state === 'live' ? ok : refuse('not_live');
}

/** A new planned end: in the future and no later than the scheduled end + the limit. */
export function checkExtend(
  r: LessonRecord,
  until: number,
  now: number,
  s: LifecycleSettings,
): ActionDecision {
  if (r.state !== 'scheduled' && r.state !== 'open' && r.state !== 'live') {
    return refuse('lesson_over');
  }
  if (until <= now) return refuse('in_the_past');
  if (until > Date.parse(r.occurrence.end) + s.maxLateEndMs) return refuse('beyond_late_limit');
  if (until < startOf(r.occurrence)) return refuse('in_the_past');
  return ok;
}

export function checkCloseResearch(r: LessonRecord): ActionDecision {
  return r.state === 'research' ? ok : refuse('research_not_open');
}
