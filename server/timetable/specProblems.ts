// The one rule for what a lesson series may name: classrooms and teachers that exist, a core
// classroom of the core school, member classrooms and teachers of the community, at most one
// 辅导教师 per member classroom. A spec is refused with these problems before it is saved
// (given its community); a stored series still carries the ones about missing records as
// conflicts (conflicts.ts), in the same words.
import { bilingual, messageOf, type MessageParams } from '../../shared/messages';
import type { Community } from '../../shared/timetable/model';
import type { SeriesSpec } from '../../shared/timetable/series';
import type { TimetableContext } from './conflicts';
import { schoolsOf } from './community';

export type SpecProblemCode =
  | 'no_classroom'
  | 'no_teacher'
  | 'not_core_classroom'
  | 'not_in_community'
  | 'is_core_classroom'
  | 'listed_twice'
  | 'not_member_classroom'
  | 'helper_named_twice'
  | 'not_teacher_of_school'
  | 'not_teacher_of_community';

export interface SpecProblem {
  /** the field within the spec, e.g. `memberClassroomIds/0` */
  field: string;
  code: SpecProblemCode;
  /** the classroom or teacher it is about */
  resourceId: string;
  params: MessageParams;
}

/** The catalogue's words for a problem, Chinese first. */
export const problemText = (p: Pick<SpecProblem, 'code' | 'params'>): string =>
  bilingual(messageOf(p.code, p.params)!);

/** Codes of problems that say a named record does not exist (or is named twice). */
export const missingReference: ReadonlySet<SpecProblemCode> = new Set([
  'no_classroom',
  'no_teacher',
  'is_core_classroom',
  'listed_twice',
]);

/**
 * Every problem of the spec's references: teacher, core classroom, members, 辅导教师. Without a community only the
 * records' existence is checked (what a stored series can still lose).
 */
export function specProblems(
  spec: SeriesSpec,
  ctx: TimetableContext,
  community?: Community,
): SpecProblem[] {
  const schools = new Set(community ? schoolsOf(community) : []);
  const out: SpecProblem[] = [];
  const problem = (field: string, code: SpecProblemCode, id: string, more: MessageParams = {}) =>
    out.push({ field, code, resourceId: id, params: { id, ...more } });
  const inCommunity = { community: community?.id };

  const teacher = ctx.teachers.get(spec.teacherId);
  if (!teacher) problem('teacherId', 'no_teacher', spec.teacherId);
  else if (community && !schools.has(teacher.schoolId))
    problem('teacherId', 'not_teacher_of_community', spec.teacherId, inCommunity);

  const core = ctx.classrooms.get(spec.coreClassroomId);
  if (!core || !ctx.schools.has(core.schoolId))
    problem('coreClassroomId', 'no_classroom', spec.coreClassroomId);
  else if (community && core.schoolId !== community.coreSchoolId)
    problem('coreClassroomId', 'not_core_classroom', spec.coreClassroomId);

  spec.memberClassroomIds.forEach((id, i) => {
    const field = `memberClassroomIds/${i}`;
    const room = ctx.classrooms.get(id);
    if (!room) problem(field, 'no_classroom', id);
    else if (community && !schools.has(room.schoolId))
      problem(field, 'not_in_community', id, inCommunity);
    else if (id === spec.coreClassroomId) problem(field, 'is_core_classroom', id);
    else if (spec.memberClassroomIds.indexOf(id) !== i) problem(field, 'listed_twice', id);
  });

  const named = new Set<string>();
  (spec.memberTeachers ?? []).forEach(({ classroomId, teacherId }, i) => {
    const at = `memberTeachers/${i}`;
    if (!spec.memberClassroomIds.includes(classroomId))
      problem(`${at}/classroomId`, 'not_member_classroom', classroomId);
    else if (named.has(classroomId))
      problem(`${at}/classroomId`, 'helper_named_twice', classroomId);
    named.add(classroomId);
    const helper = ctx.teachers.get(teacherId);
    const room = ctx.classrooms.get(classroomId);
    if (!helper) problem(`${at}/teacherId`, 'no_teacher', teacherId);
    else if (room && helper.schoolId !== room.schoolId)
      problem(`${at}/teacherId`, 'not_teacher_of_school', teacherId, { school: room.schoolId });
  });

  return out;
}
