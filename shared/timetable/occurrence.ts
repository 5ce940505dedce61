import { Type, type Static } from '@sinclair/typebox';

/**
 * One dated lesson of a published series, as the rest of the system sees it: the contract
 * between the timetable (which computes them) and the lesson lifecycle (which runs them).
 */
export const ScheduledOccurrence = Type.Object({
  /** stable across republishing: `${seriesId}:${yyyy-mm-dd}` */
  occurrenceId: Type.String(),
  seriesId: Type.String(),
  communityId: Type.String(),
  subject: Type.String(),
  /** the teacher who teaches this occurrence (a substitute if one was set) */
  teacherId: Type.String(),
  coreClassroomId: Type.String(),
  memberClassroomIds: Type.Array(Type.String()),
  /** 辅导教师 by member classroom, where the timetable names one */
  memberTeachers: Type.Optional(
    Type.Array(Type.Object({ classroomId: Type.String(), teacherId: Type.String() })),
  ),
  /** ISO 8601 instants with offset */
  start: Type.String({ format: 'date-time' }),
  end: Type.String({ format: 'date-time' }),
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
  /** the published timetable version this occurrence belongs to */
  version: Type.Integer({ minimum: 1 }),
});
export type ScheduledOccurrence = Static<typeof ScheduledOccurrence>;

/** Whether a teacher teaches the occurrence ('core') or keeps one of its member classrooms. */
export function teacherRole(
  teacherId: string,
  o: Pick<ScheduledOccurrence, 'teacherId' | 'memberTeachers'>,
): 'core' | 'member' | undefined {
  if (o.teacherId === teacherId) return 'core';
  return o.memberTeachers?.some((m) => m.teacherId === teacherId) ? 'member' : undefined;
}

/** What the lesson clock asks the timetable for. */
export interface OccurrenceSource {
  /** Published, non-cancelled occurrences overlapping [from, to) (ms since epoch). */
  occurrencesBetween(from: number, to: number): Promise<ScheduledOccurrence[]>;
}
