// The catalogue of problems a bulk import of schools' people can have (server/setup/
// peopleImport.ts), Chinese first, then English: a school office reads them row by row.
// The reply keeps the machine code beside the words.
import type { MessageParams } from './messages';

const p = (params: MessageParams, key: string) => String(params[key] ?? '');

const sheetProblems = {
  file_empty: () => '文件是空的 The file is empty',
  no_rows: () => '表头下没有数据 No rows below the header',
  column_missing: (x: MessageParams) =>
    `缺少“${p(x, 'column')}”列 The column ${p(x, 'column')} is missing`,
  column_needs_people: () =>
    '至少需要“班级/教室”或“教师”一列 A 班级/教室 or a 教师 column is needed',
  school_missing: () => '学校不能为空 The school is empty',
  school_unknown: (x: MessageParams) =>
    `“${p(x, 'value')}”不是本共同体的学校（可填：${p(x, 'known')}） ${p(x, 'value')} is not a school of this community`,
  row_without_people: () => '“班级/教室”和“教师”至少填一个 Fill in a 班级/教室 or a 教师',
  too_long: (x: MessageParams) =>
    `“${p(x, 'value')}”超过 ${p(x, 'max')} 个字 Longer than ${p(x, 'max')} characters`,
  subject_missing: () => '新教师须填写学科 A new teacher needs a subject',
  subjects_too_many: () => '学科最多 10 个 At most 10 subjects',
  phone_invalid: (x: MessageParams) =>
    `“${p(x, 'value')}”不是 11 位手机号 ${p(x, 'value')} is not an 11-digit mobile number`,
  phone_taken: (x: MessageParams) =>
    `手机号 ${p(x, 'value')} 已属于 ${p(x, 'owner')} The number belongs to ${p(x, 'owner')}`,
  phone_conflict: (x: MessageParams) =>
    `${p(x, 'teacher')} 在第 ${p(x, 'other')} 行填了另一个手机号 Another number for ${p(x, 'teacher')} in row ${p(x, 'other')}`,
  teacher_retired: (x: MessageParams) =>
    `${p(x, 'value')} 已停用，请先在“教师”页恢复 ${p(x, 'value')} is retired: restore her on the 教师 page first`,
  classroom_retired: (x: MessageParams) =>
    `${p(x, 'value')} 已停用，请先在“教室”页恢复 ${p(x, 'value')} is retired: restore it on the 教室 page first`,
  cannot_read: (x: MessageParams) =>
    `无法读取文件：${p(x, 'detail')} Cannot read the file: ${p(x, 'detail')}`,
} as const;

export type SheetProblemCode = keyof typeof sheetProblems;

export function sheetProblemText(code: SheetProblemCode, params: MessageParams = {}): string {
  return sheetProblems[code](params);
}
