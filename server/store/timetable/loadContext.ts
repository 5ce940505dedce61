import type { TimetableContext } from '../../timetable/conflicts';
import type { TimetableRepository } from './TimetableRepository';

/** Schools, classrooms and teachers of the whole store: small even at district scale. */
export async function loadContext(
  repo: TimetableRepository,
  zone: string,
): Promise<TimetableContext> {
  const [schools, classrooms, teachers] = await Promise.all([
    repo.list('school'),
    repo.list('classroom'),
    repo.list('teacher'),
  ]);
  return {
    zone,
    schools: new Map(schools.map((s) => [s.id, s])),
    classrooms: new Map(classrooms.map((c) => [c.id, c])),
    teachers: new Map(teachers.map((t) => [t.id, t])),
  };
}
