// Search over a community's schools, classrooms, teachers and accounts: what the set-up
// screen's search box finds. Pure; the records come in.
import type { AccountInfo, DirectoryReply } from '../../shared/setup';
import type { Classroom, School, Teacher } from '../../shared/timetable/model';

export interface DirectoryRecords {
  schools: School[];
  classrooms: Classroom[];
  teachers: Teacher[];
  accounts: AccountInfo[];
}

const has = (q: string, ...texts: (string | undefined)[]) =>
  texts.some((t) => t !== undefined && t.toLowerCase().includes(q));

/**
 * Records matching `q` in a name, subject, room, phone or login. A school that matches
 * brings its classrooms and teachers; a teacher brings her account. Retired classrooms and
 * teachers only when asked for.
 */
export function searchDirectory(
  all: DirectoryRecords,
  q: string | undefined,
  retired: boolean,
): DirectoryReply {
  const active = <T extends { retiredAt?: number }>(x: T) => retired || x.retiredAt === undefined;
  const needle = (q ?? '').trim().toLowerCase();
  const classrooms = all.classrooms.filter(active);
  const teachers = all.teachers.filter(active);
  if (!needle) return { ...all, classrooms, teachers };
  const schools = all.schools.filter((s) => has(needle, s.name, s.area, s.district));
  const schoolHit = new Set(schools.map((s) => s.id));
  const foundTeachers = teachers.filter(
    (t) => schoolHit.has(t.schoolId) || has(needle, t.name, t.phone, ...t.subjects),
  );
  const teacherHit = new Set(foundTeachers.map((t) => t.id));
  return {
    schools,
    classrooms: classrooms.filter((c) => schoolHit.has(c.schoolId) || has(needle, c.name, c.room)),
    teachers: foundTeachers,
    accounts: all.accounts.filter(
      (a) => (a.teacherId && teacherHit.has(a.teacherId)) || has(needle, a.name, a.login),
    ),
  };
}
