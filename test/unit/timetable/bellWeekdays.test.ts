// Bells that ring differently by weekday: editing them day by day (shared/timetable/bellEdit),
// the rules the server checks, and what a lesson without its period is told to change.
import { describe, expect, it } from 'vitest';
import { nextPeriod, ownDay, periodsOnDay, withDay } from '../../../shared/timetable/bellEdit';
import { bellScheduleProblems } from '../../../server/timetable/bellSchedule';
import { expandSeries } from '../../../server/timetable/expand';
import { checkTimetable, groupOverrides } from '../../../server/timetable/timetable';
import { bell, context, core, member, series, zone } from './support/world';

const ordinary = bell('08:00', 40, 10, 4).periods; // 08:00 08:50 09:40 10:30
const assembly = [
  { n: 1, start: '08:30', end: '09:10' },
  { n: 2, start: '09:20', end: '10:00' },
];

describe('editing a bell day by day', () => {
  it('gives a weekday its own periods on top of the ordinary day, and drops a copy of it', () => {
    const monday = withDay({ periods: ordinary }, 1, assembly);
    expect(monday.byWeekday).toEqual([{ weekday: 1, periods: assembly }]);
    expect(periodsOnDay(monday, 1)).toEqual(assembly);
    expect(periodsOnDay(monday, 2)).toEqual(ordinary);
    expect(ownDay(monday, 1)).toBe(true);
    // the same list as the ordinary day is no override; undefined removes one
    expect(withDay(monday, 3, [...ordinary])).toEqual(monday);
    expect(withDay(monday, 1, undefined)).toEqual({ periods: ordinary });
  });

  it('keeps periods in time order and adds the next one after the last', () => {
    const friday = withDay({ periods: ordinary }, 5, [ordinary[1]!, ordinary[0]!]);
    expect(friday.byWeekday?.[0]?.periods.map((p) => p.n)).toEqual([1, 2]);
    expect(nextPeriod(ordinary)).toEqual({ n: 5, start: '11:20', end: '12:00' });
    expect(nextPeriod([])).toEqual({ n: 1, start: '08:00', end: '08:40' });
    // an ordinary day changed to what a weekday had makes that weekday ordinary again
    expect(withDay(withDay({ periods: ordinary }, 2, assembly), 0, assembly)).toEqual({
      periods: assembly,
    });
  });
});

describe('the rules of a weekday bell', () => {
  it('reports each problem at its weekday and period', () => {
    const problems = bellScheduleProblems({
      periods: ordinary,
      byWeekday: [
        { weekday: 1, periods: assembly },
        {
          weekday: 5,
          periods: [
            { n: 1, start: '08:00', end: '08:40' },
            { n: 2, start: '08:30', end: '09:10' },
            { n: 2, start: '10:00', end: '09:50' },
          ],
        },
        { weekday: 1, periods: ordinary },
      ],
    });
    expect(problems.map((p) => `${p.field}: ${p.code}`)).toEqual([
      'byWeekday/1/periods/1: period_overlaps',
      'byWeekday/1/periods/2: period_ends_before_start',
      'byWeekday/1/periods/2: period_twice',
      'byWeekday: weekday_twice',
    ]);
    // Chinese first, for the coordinator who reads it.
    expect(problems[0]!.message).toMatch(/^第2节与上一节重叠/);
  });

  it('rings an extra period on its weekday only, and says what to change elsewhere', () => {
    const extra = withDay(core.bellSchedule, 2, [
      ...core.bellSchedule.periods,
      { n: 8, start: '16:30', end: '17:10' },
    ]);
    const school = { ...core, bellSchedule: extra };
    const tuesday = expandSeries(series('s1', { weekday: 2, period: 8 }), school, undefined, zone);
    expect(tuesday.problems).toEqual([]);
    expect(tuesday.occurrences[0]?.clock).toEqual({ start: '16:30', end: '17:10' });
    const wednesday = expandSeries(
      series('s2', { weekday: 3, period: 8 }),
      school,
      undefined,
      zone,
    );
    expect(wednesday.occurrences).toEqual([]);
    expect(wednesday.problems[0]!.message).toBe(
      `${core.name} 星期3 没有第8节。请选另一节，或在“${core.name}”的作息时间里为周三加上第8节 Pick another period or add it to ${core.name}'s bell for that weekday`,
    );
  });

  it("tells the coordinator what to change in a member school's bell that has no period for the lesson", () => {
    const coreExtra = {
      ...core,
      bellSchedule: withDay(core.bellSchedule, 2, [
        ...core.bellSchedule.periods,
        { n: 8, start: '16:30', end: '17:10' },
      ]),
    };
    const { conflicts } = checkTimetable(
      [series('a', { weekday: 2, period: 8 })],
      groupOverrides([]),
      context([coreExtra, member]),
    );
    const [mismatch] = conflicts.get('a')!;
    expect(mismatch).toMatchObject({ code: 'period_mismatch', resourceId: member.id });
    expect(mismatch!.message).toBe(
      `${member.name} 星期2 16:30–17:10 不在任何一节课内。请在“${member.name}”的作息时间里为周二单独设置节次：加一节 16:30–17:10 Change ${member.name}'s bell for that weekday`,
    );
    // A member ringing differently that day is told to change that day, and which period to move.
    const memberTuesday = {
      ...member,
      bellSchedule: withDay(member.bellSchedule, 2, [{ n: 7, start: '16:00', end: '16:40' }]),
    };
    const again = checkTimetable(
      [series('a', { weekday: 2, period: 8 })],
      groupOverrides([]),
      context([coreExtra, memberTuesday]),
    ).conflicts.get('a')!;
    expect(again[0]!.message).toContain(
      `修改周二的节次：加一节 16:30–17:10，或把第7节（16:00–16:40）调到 16:30–17:10`,
    );
  });
});
