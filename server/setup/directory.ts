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
 * Classrooms, teachers and accounts matching `q` in a name, subject, room, phone or login,
 * with every school of the community. A school whose name matches brings its classrooms and
 * teachers; a teacher brings her account. Retired classrooms and
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
  const schoolHit = new Set(
    all.schools.filter((s) => has(needle, s.name, s.area, s.district)).map((s) => s.id),
  );
  const foundTeachers = teachers.filter(
    (t) => schoolHit.has(t.schoolId) || has(needle, t.name, t.phone, ...t.subjects),
  );
  const teacherHit = new Set(foundTeachers.map((t) => t.id));
  return {
    // every school, always: the screen names each record's school and offers them in forms
    schools: all.schools,
    classrooms: classrooms.filter((c) => schoolHit.has(c.schoolId) || has(needle, c.name, c.room)),
    teachers: foundTeachers,
    accounts: all.accounts.filter(
      (a) => (a.teacherId && teacherHit.has(a.teacherId)) || has(needle, a.name, a.login),
    ),
  };
}
