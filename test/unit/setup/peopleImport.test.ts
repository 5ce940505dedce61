import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../server/timetable/csv';
import { columnLetter, normalPhone, planPeopleImport } from '../../../server/setup/peopleImport';
import { classrooms, core, member, teachers } from '../timetable/support/world';

const lookup = { schools: [core, member], classrooms, teachers };
let n = 0;
const ids = (kind: 'classroom' | 'teacher') => `${kind}-${++n}`;
const plan = (csv: string) => planPeopleImport(parseCsv(csv), lookup, ids);
const header = '学校,班级/教室,教师,学科,手机号';

describe('bulk import of a school office spreadsheet', () => {
  it('names columns by letter and reads phone numbers as people write them', () => {
    expect([0, 4, 25, 26, 27].map(columnLetter)).toEqual(['A', 'E', 'Z', 'AA', 'AB']);
    expect(normalPhone('138 0013 8000')).toBe('13800138000');
    expect(normalPhone('+86 138-0013-8000')).toBe('13800138000');
  });

  it('plans new classrooms, new teachers and changes to known ones', () => {
    const result = plan(
      [
        header,
        `${member.name},五年级教室,钱老师,科学、数学,13800138000`,
        `${member.name},三年级教室,赵老师,数学;音乐,`,
        // the same teacher twice: subjects merge, one record
        `${member.name},,钱老师,美术,13800138000`,
        `${core.name},三(1)班,,,`,
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.rows).toBe(4);
    expect(result.plan.classrooms).toEqual([
      { id: expect.any(String), schoolId: member.id, name: '五年级教室' },
    ]);
    expect(result.plan.created).toEqual([
      {
        id: expect.any(String),
        schoolId: member.id,
        name: '钱老师',
        subjects: ['科学', '数学', '美术'],
        phone: '13800138000',
      },
    ]);
    expect(result.plan.updated).toEqual([{ ...teachers[2], subjects: ['数学', '音乐'] }]);
  });

  it('lists every problem by row and column, in Chinese first, and plans nothing', () => {
    const result = plan(
      [
        header,
        `${member.name},五年级教室,钱老师,科学,13800138000`,
        `不存在小学,一年级,孙老师,语文,13800138001`,
        `${member.name},,周老师,,1380013`,
        `${core.name},,,,`,
        `${member.name},,吴老师,语文,13800138000`,
        `,六年级,郑老师,数学,`,
      ].join('\n'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.line, p.column, p.field, p.code])).toEqual([
      [3, 'A', '学校', 'school_unknown'],
      [4, 'E', '手机号', 'phone_invalid'],
      [4, 'D', '学科', 'subject_missing'],
      [5, 'B', '班级/教室', 'row_without_people'],
      [6, 'E', '手机号', 'phone_taken'],
      [7, 'A', '学校', 'school_missing'],
    ]);
    const unknown = result.problems[0]!.reason;
    expect(unknown).toMatch(
      /^“不存在小学”不是本共同体的学校（可填：瑞安市实验小学、瑞安市高楼镇中心小学）/,
    );
    expect(result.problems[4]!.reason).toContain('钱老师');
  });

  it('refuses a phone number another teacher has already, and two numbers for one teacher', () => {
    const withPhone = [{ ...teachers[0]!, phone: '13900139000' }, ...teachers.slice(1)];
    const result = planPeopleImport(
      parseCsv(
        [
          header,
          `${member.name},,赵老师,数学,13900139000`,
          `${member.name},,钱老师,数学,13700137000`,
          `${member.name},,钱老师,数学,13700137001`,
        ].join('\n'),
      ),
      { ...lookup, teachers: withPhone },
      ids,
    );
    expect(result.ok ? [] : result.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'phone_taken'],
      [4, 'phone_conflict'],
    ]);
  });

  it('refuses retired classrooms and teachers rather than reviving them silently', () => {
    const result = planPeopleImport(
      parseCsv(`${header}\n${member.name},三年级教室,赵老师,数学,`),
      {
        ...lookup,
        classrooms: classrooms.map((c) => (c.id === 'room-gaolou-1' ? { ...c, retiredAt: 1 } : c)),
        teachers: teachers.map((t) => (t.id === 'teacher-zhao' ? { ...t, retiredAt: 1 } : t)),
      },
      ids,
    );
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual([
      'classroom_retired',
      'teacher_retired',
    ]);
  });

  it('names missing columns on the header row, and accepts the names offices use', () => {
    const missing = plan('姓名,手机\n王老师,13800138000');
    expect(missing.ok ? [] : missing.problems.map((p) => [p.line, p.code, p.reason])).toEqual([
      [1, 'column_missing', '缺少“学校”列 The column 学校 is missing'],
      [1, 'column_missing', '缺少“学科”列 The column 学科 is missing'],
    ]);
    const other = plan(
      `学校名称,班级,教师姓名,任教学科,联系电话\n${core.name},三(3)班,孙老师,英语,`,
    );
    expect(other.ok && other.plan.created.map((t) => t.name)).toEqual(['孙老师']);
    expect(plan('').ok).toBe(false);
    expect(plan(header).ok).toBe(false);
  });
});
