// How a person reads a classroom: its school with it. Member classrooms of different schools
// often share a name ("三年级同步教室"), so a classroom alone names nothing.
import type { Classroom, School } from './model';

/** "高楼镇中心小学 · 三(1)班"; the classroom's own name when it already names its school. */
export function classroomLabel(
  school: Pick<School, 'name'> | undefined,
  classroom: Pick<Classroom, 'name'>,
): string {
  if (!school || classroom.name.includes(school.name)) return classroom.name;
  return `${school.name} · ${classroom.name}`;
}

/** A classroom's label from a lesson's names, else its id (a classroom deleted since). */
export function labelOf(
  names: { classrooms: readonly { classroomId: string; label: string }[] } | undefined,
  classroomId: string,
): string {
  return names?.classrooms.find((c) => c.classroomId === classroomId)?.label ?? classroomId;
}
