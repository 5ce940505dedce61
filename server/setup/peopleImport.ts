// A school office's spreadsheet (学校, 班级/教室, 教师, 学科, 手机号; CSV or XLSX, already split
// into cells) checked whole against the community's records, and turned into the records to
// write — or every problem, by row and column, and nothing to write. Pure: ids and the
// records come in, the plan goes out.
import type { Classroom, School, Teacher } from '../../shared/timetable/model';
import type { SheetProblem } from '../../shared/setup';
import { sheetProblemText, type SheetProblemCode } from '../../shared/setupMessages';
import type { MessageParams } from '../../shared/messages';
import type { CsvRow } from '../timetable/csv';

/** The columns, as school offices name them; the first name is the template's. */
export const peopleColumns = {
  school: ['学校', '学校名称', 'school'],
  classroom: ['班级/教室', '班级', '教室', '班级名称', 'classroom'],
  teacher: ['教师', '教师姓名', '姓名', 'teacher'],
  subject: ['学科', '任教学科', 'subject'],
  phone: ['手机号', '手机', '手机号码', '联系电话', 'phone'],
} as const;
type Column = keyof typeof peopleColumns;

export const peopleTemplateHeader = Object.values(peopleColumns).map((names) => names[0]);

export interface PeopleLookup {
  schools: readonly School[];
  classrooms: readonly Classroom[];
  teachers: readonly Teacher[];
}

export interface PeoplePlan {
  rows: number;
  classrooms: Classroom[];
  /** new teachers */
  created: Teacher[];
  /** existing teachers with subjects added or a phone number set */
  updated: Teacher[];
}

export type PeopleImportResult =
  { ok: true; plan: PeoplePlan } | { ok: false; problems: SheetProblem[] };

/** A → 0, …: the letter a spreadsheet shows above column `i` (0-based). */
export function columnLetter(i: number): string {
  let n = i + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Spaces, dashes and a +86 taken out, as people write numbers. */
export function normalPhone(text: string): string {
  return text.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}
const isMobile = (phone: string) => /^1[3-9]\d{9}$/.test(phone);

export const splitSubjects = (text: string) =>
  text
    .split(/[,，;；、/|\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

const norm = (s: string) => s.trim().replace(/\s+/g, ' ');
const key = (schoolId: string, name: string) => `${schoolId}\u0000${name}`;

export function planPeopleImport(
  rows: readonly CsvRow[],
  lookup: PeopleLookup,
  newId: (kind: 'classroom' | 'teacher') => string,
): PeopleImportResult {
  const problems: SheetProblem[] = [];
  const say = (line: number, code: SheetProblemCode, at?: number, params: MessageParams = {}) =>
    problems.push({
      line,
      ...(at !== undefined && at >= 0
        ? { field: headerCells[at]?.trim() ?? '', column: columnLetter(at) }
        : {}),
      code,
      reason: sheetProblemText(code, params),
    });
  const [header, ...body] = rows;
  const headerCells = header?.cells ?? [];
  if (!header) {
    say(1, 'file_empty');
    return { ok: false, problems };
  }
  const at = {} as Record<Column, number>;
  for (const [col, names] of Object.entries(peopleColumns) as [Column, readonly string[]][])
    at[col] = headerCells.findIndex((c) => names.includes(c.trim().toLowerCase()));
  if (at.school < 0) say(header.line, 'column_missing', undefined, { column: '学校' });
  if (at.classroom < 0 && at.teacher < 0) say(header.line, 'column_needs_people');
  if (at.teacher >= 0 && at.subject < 0)
    say(header.line, 'column_missing', undefined, { column: '学科' });
  if (problems.length) return { ok: false, problems };
  if (body.length === 0) {
    say(header.line, 'no_rows');
    return { ok: false, problems };
  }

  const schoolByName = new Map<string, School>();
  for (const s of lookup.schools) schoolByName.set(s.name, s).set(s.id, s);
  const known = lookup.schools.map((s) => s.name).join('、');
  const roomByKey = new Map(lookup.classrooms.map((c) => [key(c.schoolId, c.name), c]));
  const teacherByKey = new Map(lookup.teachers.map((t) => [key(t.schoolId, t.name), t]));
  const phoneOwner = new Map(
    lookup.teachers.filter((t) => t.phone).map((t) => [t.phone!, key(t.schoolId, t.name)]),
  );
  const ownerName = (k: string) => {
    const [schoolId = '', name = ''] = k.split('\u0000');
    return `${lookup.schools.find((s) => s.id === schoolId)?.name ?? schoolId} ${name}`;
  };

  const newRooms = new Map<string, Classroom>();
  /** teachers this file touches, by school + name: the record to write and the row of its phone */
  const touched = new Map<string, { teacher: Teacher; isNew: boolean; phoneLine?: number }>();

  for (const { line, cells } of body) {
    const cell = (c: Column) => (at[c] >= 0 ? norm(cells[at[c]] ?? '') : '');
    const schoolText = cell('school');
    const school = schoolByName.get(schoolText);
    if (!schoolText) say(line, 'school_missing', at.school);
    else if (!school) say(line, 'school_unknown', at.school, { value: schoolText, known });
    const roomName = cell('classroom');
    const teacherName = cell('teacher');
    if (!roomName && !teacherName)
      say(line, 'row_without_people', at.classroom >= 0 ? at.classroom : at.teacher);
    if (roomName.length > 100) say(line, 'too_long', at.classroom, { value: roomName, max: 100 });
    if (teacherName.length > 100)
      say(line, 'too_long', at.teacher, { value: teacherName, max: 100 });
    const subjects = splitSubjects(cell('subject'));
    for (const s of subjects)
      if (s.length > 30) say(line, 'too_long', at.subject, { value: s, max: 30 });
    const phoneText = cell('phone');
    const phone = normalPhone(phoneText);
    if (phoneText && !isMobile(phone)) say(line, 'phone_invalid', at.phone, { value: phoneText });
    if (!school) continue;

    if (roomName && roomName.length <= 100) {
      const k = key(school.id, roomName);
      const existing = roomByKey.get(k);
      if (existing?.retiredAt !== undefined)
        say(line, 'classroom_retired', at.classroom, { value: roomName });
      else if (!existing && !newRooms.has(k))
        newRooms.set(k, { id: newId('classroom'), schoolId: school.id, name: roomName });
    }
    if (!teacherName || teacherName.length > 100) continue;
    const k = key(school.id, teacherName);
    const existing = teacherByKey.get(k);
    if (existing?.retiredAt !== undefined) {
      say(line, 'teacher_retired', at.teacher, { value: teacherName });
      continue;
    }
    const entry =
      touched.get(k) ??
      (existing
        ? { teacher: { ...existing, subjects: [...existing.subjects] }, isNew: false }
        : {
            teacher: { id: newId('teacher'), schoolId: school.id, name: teacherName, subjects: [] },
            isNew: true,
          });
    for (const s of subjects)
      if (!entry.teacher.subjects.includes(s)) entry.teacher.subjects.push(s);
    if (entry.teacher.subjects.length > 10) say(line, 'subjects_too_many', at.subject);
    if (entry.isNew && entry.teacher.subjects.length === 0)
      say(line, 'subject_missing', at.subject);
    if (phoneText && isMobile(phone)) {
      const owner = phoneOwner.get(phone);
      if (owner && owner !== k)
        say(line, 'phone_taken', at.phone, { value: phone, owner: ownerName(owner) });
      else if (entry.phoneLine !== undefined && entry.teacher.phone !== phone)
        say(line, 'phone_conflict', at.phone, { teacher: teacherName, other: entry.phoneLine });
      else {
        entry.teacher.phone = phone;
        entry.phoneLine = line;
        phoneOwner.set(phone, k);
      }
    }
    touched.set(k, entry);
  }
  if (problems.length) return { ok: false, problems };

  const changed = (t: Teacher) => {
    const old = teacherByKey.get(key(t.schoolId, t.name));
    return !old || old.phone !== t.phone || old.subjects.join() !== t.subjects.join();
  };
  const entries = [...touched.values()];
  return {
    ok: true,
    plan: {
      rows: body.length,
      classrooms: [...newRooms.values()],
      created: entries.filter((e) => e.isNew).map((e) => e.teacher),
      updated: entries.filter((e) => !e.isNew && changed(e.teacher)).map((e) => e.teacher),
    },
  };
}
