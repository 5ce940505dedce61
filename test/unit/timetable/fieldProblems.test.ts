import { describe, expect, it } from 'vitest';
import type { Community, TermCalendar } from '../../../shared/timetable/model';
import { bellScheduleProblems } from '../../../server/timetable/bellSchedule';
import { calendarProblems } from '../../../server/timetable/calendar';
import { communityProblems } from '../../../server/timetable/community';
import { core, member, term } from './support/world';

// A school's bell schedule and calendar and a community's schools: each problem names its
// field, carries a machine code and reads Chinese first.
const brief = (problems: { field: string; code: string }[]) =>
  problems.map((p) => [p.field, p.code]);

describe('problems of schools and communities', () => {
  it('names each bad period of a bell schedule', () => {
    const problems = bellScheduleProblems({
      periods: [
        { n: 1, start: '08:40', end: '08:00' },
        { n: 1, start: '08:10', end: '08:50' },
      ],
      byWeekday: [
        { weekday: 3, periods: [{ n: 1, start: '08:00', end: '08:40' }] },
        { weekday: 3, periods: [{ n: 1, start: '08:00', end: '08:40' }] },
      ],
    });
    expect(brief(problems)).toEqual([
      ['periods/0', 'period_ends_before_start'],
      ['periods/1', 'period_twice'],
      ['byWeekday', 'weekday_twice'],
    ]);
    expect(problems[0]!.message).toBe('第1节的下课时间早于上课时间 第1节 ends before it starts');
  });

  it('names each bad day of a term calendar', () => {
    const calendar: TermCalendar = {
      ...term,
      firstDay: '2026-09-01',
      lastDay: '2026-02-30',
      holidays: ['2026-10-01'],
      makeUpDays: [{ date: '2026-10-01', followsWeekday: 1 }],
    };
    expect(brief(calendarProblems(calendar))).toEqual([
      ['lastDay', 'not_a_date'],
      ['lastDay', 'last_before_first'],
      ['makeUpDays/0/date', 'make_up_on_holiday'],
    ]);
    expect(calendarProblems(calendar)[0]!.message).toBe(
      '2026-02-30 不是有效日期 2026-02-30 is no date',
    );
  });

  it("names each bad school of a community's 1+N", () => {
    const community: Community = {
      id: 'c-1',
      name: '教共体',
      mode: '共建型',
      stage: 'primary',
      district: '瑞安市',
      coreSchoolId: core.id,
      memberSchoolIds: [core.id, member.id, member.id, 'sch-ghost'],
    };
    const other = { ...community, id: 'c-2', memberSchoolIds: [member.id] };
    const known = new Set([core.id, member.id]);
    const problems = communityProblems(community, [other], (id) => known.has(id));
    expect(brief(problems)).toEqual([
      ['memberSchoolIds/0', 'is_core_school'],
      ['memberSchoolIds/1', 'member_elsewhere'],
      ['memberSchoolIds/2', 'listed_twice'],
      ['memberSchoolIds/2', 'member_elsewhere'],
      ['memberSchoolIds/3', 'no_school'],
    ]);
    expect(problems[1]!.message).toBe(
      'sch-gaolou 已是教共体 c-2 的成员校 sch-gaolou is already a member of c-2',
    );
  });
});
