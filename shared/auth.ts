import { Type, type Static } from '@sinclair/typebox';

/** Who is acting. Coordinators and observers see a community; devices are one classroom. */
export const Role = Type.Union([
  Type.Literal('coordinator'),
  Type.Literal('teacher'),
  Type.Literal('device'),
  Type.Literal('observer'),
]);
export type Role = Static<typeof Role>;

/**
 * What a server-issued token says about its bearer. Room and role always come from here,
 * never from a client's payload.
 */
export const Principal = Type.Object({
  /** user id, or the classroom id for a device */
  sub: Type.String({ minLength: 1 }),
  role: Role,
  name: Type.String(),
  /** communities this principal may act in (an observer of a district may have many) */
  communityIds: Type.Array(Type.String()),
  /** set for devices: the one classroom this PC is enrolled to */
  classroomId: Type.Optional(Type.String()),
  /** set for teachers: their teacher record in the timetable */
  teacherId: Type.Optional(Type.String()),
});
export type Principal = Static<typeof Principal>;
