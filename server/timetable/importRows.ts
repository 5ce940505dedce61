// Rows of an imported timetable (CSV or XLSX, already split into cells) turned into series
// specs, every bad row reported with its line and reason. Names or ids are accepted for
// classrooms ("学校/教室" when a name is not unique) and teachers.
import type { Classroom, School, Teacher } from '../../shared/timetable/model';
import type { MemberTeacher, SeriesSpec, Weeks } from '../../shared/timetable/series';
import type { ImportError } from '../../shared/timetable/api';
import type { CsvRow } from './csv';

const columns = {
  subject: ['学科', 'subject'],
  teacher: ['教师', '主讲教师', 'teacher'],
  core: ['主讲教室', 'core_classroom', 'core'],
  members: ['听讲教室', 'member_classrooms', 'members'],
  weekday: ['星期', 'weekday'],
  period: ['节次', 'period'],
  weeks: ['周次', 'weeks'],
} as const;
type Column = keyof typeof columns;
/** Optional: one 辅导教师 per 听讲教室, in the same order, `-` or nothing for none. */
const memberTeacherColumn = ['辅导教师', 'member_teachers'];

export interface ImportLookup {
  schools: readonly School[];
  classrooms: readonly Classroom[];
  teachers: readonly Teacher[];
}

export type ImportResult =
  { ok: true; specs: { line: number; spec: SeriesSpec }[] } | { ok: false; errors: ImportError[] };

const weekdayNames: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
};

export function parseWeekday(text: string): number | undefined {
  const t = text.trim().replace(/^(星期|周|礼拜)/, '');
  if (/^[1-7]$/.test(t)) return Number(t);
  return weekdayNames[t];
}

export function parseWeeks(text: string): Weeks | undefined {
  const t = text.trim().toLowerCase();
  if (t === '' || t === '每周' || t === 'every') return { kind: 'every' };
  if (t === '单周' || t === 'odd') return { kind: 'odd' };
  if (t === '双周' || t === 'even') return { kind: 'even' };
  const weeks = new Set<number>();
  for (const part of t.split(/[,，、\s]+/).filter(Boolean)) {
    const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(part);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (from < 1 || to > 30 || to < from) return undefined;
    for (let w = from; w <= to; w++) weeks.add(w);
  }
  return weeks.size ? { kind: 'list', weeks: [...weeks].sort((a, b) => a - b) } : undefined;
}

function finder<T extends { id: string; name: string }>(
  items: readonly T[],
  qualified: (x: T) => string,
) {
  return (key: string): T | string => {
    const k = key.trim();
    const byId = items.find((x) => x.id === k);
    if (byId) return byId;
    const matches = items.filter((x) => x.name === k || qualified(x) === k);
    if (matches.length === 1) return matches[0]!;
    return matches.length ? `“${k}” is ambiguous: write 学校/名称` : `no “${k}”`;
  };
}

const splitList = (text: string) =>
  text
    .split(/[;；、|]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function parseTimetableRows(rows: readonly CsvRow[], lookup: ImportLookup): ImportResult {
  const errors: ImportError[] = [];
  const [header, ...body] = rows;
  if (!header) return { ok: false, errors: [{ line: 1, reason: 'the file is empty' }] };
  const at = {} as Record<Column, number>;
  for (const [col, names] of Object.entries(columns) as [Column, readonly string[]][]) {
    const i = header.cells.findIndex(
      (c) => names.includes(c.trim().toLowerCase()) || names.includes(c.trim()),
    );
    if (i < 0)
      errors.push({
        line: header.line,
        field: col,
        reason: `column ${names[0]} (${names.at(-1)}) is missing`,
      });
    at[col] = i;
  }
  if (errors.length) return { ok: false, errors };
  const helpersAt = header.cells.findIndex((c) =>
    memberTeacherColumn.includes(c.trim().toLowerCase()),
  );
  if (body.length === 0)
    return { ok: false, errors: [{ line: header.line, reason: 'no lessons below the header' }] };

  const schoolName = new Map(lookup.schools.map((s) => [s.id, s.name]));
  const room = finder(lookup.classrooms, (c) => `${schoolName.get(c.schoolId)}/${c.name}`);
  const teacher = finder(lookup.teachers, (t) => `${schoolName.get(t.schoolId)}/${t.name}`);
  const specs: { line: number; spec: SeriesSpec }[] = [];

  for (const { line, cells } of body) {
    const cell = (c: Column) => (cells[at[c]] ?? '').trim();
    const bad = (field: Column, reason: string) => errors.push({ line, field, reason });
    const before = errors.length;
    const subject = cell('subject');
    if (!subject || subject.length > 30)
      bad('subject', 'a subject of 1 to 30 characters is required');
    const t = teacher(cell('teacher'));
    if (typeof t === 'string') bad('teacher', t);
    const core = room(cell('core'));
    if (typeof core === 'string') bad('core', core);
    const memberKeys = splitList(cell('members'));
    if (memberKeys.length === 0) bad('members', 'at least one member classroom is required');
    const members = memberKeys.map(room);
    for (const m of members) if (typeof m === 'string') bad('members', m);
    const helperKeys = helpersAt < 0 ? [] : splitList(cells[helpersAt] ?? '');
    const memberTeachers: MemberTeacher[] = [];
    if (helperKeys.length > 0 && helperKeys.length !== memberKeys.length)
      errors.push({
        line,
        field: 'memberTeachers',
        reason: `${helperKeys.length} 辅导教师 for ${memberKeys.length} 听讲教室: give one per classroom, - for none`,
      });
    else
      helperKeys.forEach((key, i) => {
        const m = members[i];
        if (key === '-' || typeof m !== 'object') return;
        const helper = teacher(key);
        if (typeof helper === 'string')
          errors.push({ line, field: 'memberTeachers', reason: helper });
        else memberTeachers.push({ classroomId: m.id, teacherId: helper.id });
      });
    const weekday = parseWeekday(cell('weekday'));
    if (weekday === undefined) bad('weekday', `“${cell('weekday')}” is not 1–7 or 周一…周日`);
    const period = /^\d{1,2}$/.test(cell('period')) ? Number(cell('period')) : NaN;
    if (!(period >= 1 && period <= 20)) bad('period', `“${cell('period')}” is not a period 1–20`);
    const weeks = parseWeeks(cell('weeks'));
    if (!weeks) bad('weeks', `“${cell('weeks')}” is not 每周, 单周, 双周 or a list like 1-4,6`);
    if (errors.length > before) continue;
    specs.push({
      line,
      spec: {
        subject,
        teacherId: (t as Teacher).id,
        coreClassroomId: (core as Classroom).id,
        memberClassroomIds: members.map((m) => (m as Classroom).id),
        ...(memberTeachers.length ? { memberTeachers } : {}),
        weekday: weekday!,
        period,
        weeks: weeks!,
      },
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, specs };
}

/** The header a template or an export of the series list uses. */
export const importHeader = [
  '学科',
  '教师',
  '主讲教室',
  '听讲教室',
  '星期',
  '节次',
  '周次',
  '辅导教师',
];
