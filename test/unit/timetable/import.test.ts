import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../../server/timetable/csv';
import { parseTimetableRows, parseWeekday, parseWeeks } from '../../../server/timetable/importRows';
import { classrooms, core, member, teachers } from './support/world';

const lookup = { schools: [core, member], classrooms, teachers };
const header = '学科,教师,主讲教室,听讲教室,星期,节次,周次';

describe('CSV', () => {
  it('reads quotes, commas, line breaks inside quotes, CRLF and a BOM, keeping line numbers', () => {
    const rows = parseCsv('\ufeffa,"b,1","say ""hi"""\r\n\r\n"two\nlines",x\nlast');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b,1', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', 'x'] },
      { line: 5, cells: ['last'] },
    ]);
  });

  it('writes what it reads back', () => {
    const table = [
      ['节次', '周一'],
      ['第1节', '数学, "王"\n语文'],
    ];
    expect(parseCsv(toCsv(table)).map((r) => r.cells)).toEqual(table);
  });
});

describe('timetable rows', () => {
  it('reads weekdays and weeks the ways schools write them', () => {
    expect(['2', '周二', '星期二', '礼拜二', '周日', '8'].map(parseWeekday)).toEqual([
      2,
      2,
      2,
      2,
      7,
      undefined,
    ]);
    expect(parseWeeks('单周')).toEqual({ kind: 'odd' });
    expect(parseWeeks('')).toEqual({ kind: 'every' });
    expect(parseWeeks('1-3，6')).toEqual({ kind: 'list', weeks: [1, 2, 3, 6] });
    expect(parseWeeks('3-1')).toBeUndefined();
  });

  it('turns good rows into specs, by id, by unique name or by 学校/教室', () => {
    const result = parseTimetableRows(
      parseCsv(
        `${header}\n数学,王老师,三(1)班,瑞安市高楼镇中心小学/三年级教室;room-gaolou-2,周二,2,单周\n`,
      ),
      lookup,
    );
    expect(result).toEqual({
      ok: true,
      specs: [
        {
          line: 2,
          spec: {
            subject: '数学',
            teacherId: 'teacher-wang',
            coreClassroomId: 'room-core-301',
            memberClassroomIds: ['room-gaolou-1', 'room-gaolou-2'],
            weekday: 2,
            period: 2,
            weeks: { kind: 'odd' },
          },
        },
      ],
    });
  });

  it('reports every bad row with its line, field and reason', () => {
    const csv = [
      header,
      '数学,王老师,三(1)班,三年级教室,周二,2,',
      ',张老师,三(9)班,,周八,第二节,隔周',
      '语文,李老师,三(2)班,三年级教室,3,3,1-4',
    ].join('\n');
    const result = parseTimetableRows(parseCsv(csv), lookup);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'subject'],
      [3, 'teacher'],
      [3, 'core'],
      [3, 'members'],
      [3, 'weekday'],
      [3, 'period'],
      [3, 'weeks'],
    ]);
    expect(result.errors[1]!.reason).toBe('no “张老师”');
  });

  it('names missing columns and an empty file', () => {
    const result = parseTimetableRows(parseCsv('学科,教师\n数学,王老师'), lookup);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual([
      'core',
      'members',
      'weekday',
      'period',
      'weeks',
    ]);
    expect(parseTimetableRows([], lookup)).toEqual({
      ok: false,
      errors: [{ line: 1, reason: 'the file is empty' }],
    });
  });
  it('reads the optional 辅导教师 column, one per member classroom in order', () => {
    const csv = (helpers: string) =>
      parseCsv(
        `${header},辅导教师\n数学,王老师,三(1)班,三年级教室;四年级教室,周二,2,每周,${helpers}\n`,
      );
    const ok = parseTimetableRows(csv('赵老师;-'), lookup);
    expect(ok.ok && ok.specs[0]!.spec.memberTeachers).toEqual([
      { classroomId: 'room-gaolou-1', teacherId: 'teacher-zhao' },
    ]);
    const none = parseTimetableRows(csv(''), lookup);
    expect(none.ok && none.specs[0]!.spec).not.toHaveProperty('memberTeachers');
    expect(parseTimetableRows(csv('赵老师'), lookup)).toEqual({
      ok: false,
      errors: [
        {
          line: 2,
          field: 'memberTeachers',
          reason: '1 辅导教师 for 2 听讲教室: give one per classroom, - for none',
        },
      ],
    });
    expect(parseTimetableRows(csv('钱老师;-'), lookup)).toEqual({
      ok: false,
      errors: [{ line: 2, field: 'memberTeachers', reason: 'no “钱老师”' }],
    });
  });
});
