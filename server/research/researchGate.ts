// Who may enter a research room and whether they may write: one pure function, like the
// lesson join gate.
import type { Principal } from '../../shared/auth';
import type { LessonState } from '../../shared/lessons';
import type { ResearchAccess } from '../../shared/research';
import { teacherRole, type ScheduledOccurrence } from '../../shared/timetable/occurrence';

export type ResearchRefusal =
  'wrong_community' | 'wrong_lesson' | 'research_not_open' | 'role_not_allowed';

export type ResearchDecision =
  { ok: true; access: ResearchAccess } | { ok: false; reason: ResearchRefusal };

const refuse = (reason: ResearchRefusal): ResearchDecision => ({ ok: false, reason });

/**
 * Writers while the session is open: coordinators of the community, the lesson's teachers
 * (the core teacher and the 辅导教师 the timetable names for its member classrooms; while a
 * member classroom has none named, any teacher of the community may stand for it), the
 * classroom PCs of the lesson, and holders of an invitation link for this lesson. Other
 * teachers of the community and observers read. Once archived, everyone reads.
 */
export function researchGate(
  principal: Principal,
  occurrence: ScheduledOccurrence,
  state: LessonState,
): ResearchDecision {
  if (!principal.communityIds.includes(occurrence.communityId)) return refuse('wrong_community');
  if (principal.occurrenceId !== undefined && principal.occurrenceId !== occurrence.occurrenceId) {
    return refuse('wrong_lesson');
  }
  if (state !== 'research' && state !== 'archived') return refuse('research_not_open');
  const write: ResearchDecision = { ok: true, access: state === 'research' ? 'write' : 'read' };
  switch (principal.role) {
    case 'coordinator':
      return write;
    case 'teacher': {
      const named = occurrence.memberTeachers ?? [];
      const unnamed = occurrence.memberClassroomIds.some(
        (c) => !named.some((m) => m.classroomId === c),
      );
      const ours =
        principal.occurrenceId !== undefined ||
        unnamed ||
        (principal.teacherId !== undefined &&
          teacherRole(principal.teacherId, occurrence) !== undefined);
      return ours ? write : { ok: true, access: 'read' };
    }
    case 'device': {
      const c = principal.classroomId;
      const inLesson =
        c !== undefined &&
        (c === occurrence.coreClassroomId || occurrence.memberClassroomIds.includes(c));
      return inLesson ? write : refuse('role_not_allowed');
    }
    case 'observer':
      return { ok: true, access: 'read' };
    default:
      return refuse('role_not_allowed');
  }
}
