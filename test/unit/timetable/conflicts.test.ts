import { describe, expect, it } from 'vitest';
import { checkTimetable, groupOverrides } from '../../../server/timetable/timetable';
import { hardCount } from '../../../server/timetable/conflicts';
import type { OccurrenceOverride } from '../../../shared/timetable/series';
import { bell, context, core, member, series } from './support/world';

const none = groupOverrides([]);
const codes = (list: { code: string }[] = []) => [...new Set(list.map((c) => c.code))].sort();

describe('conflicts of a series', () => {
  it('finds none for lessons in different periods', () => {
    const { conflicts } = checkTimetable(
      [series('a'), series('b', { period: 3, teacherId: 'teacher-li' })],
      none,
      context(),
    );
    expect(conflicts.get('a')).toEqual([]);
    expect(conflicts.get('b')).toEqual([]);
  });

  it('reports a member classroom booked twice on every date, on both series, naming the other', () => {
    const { conflicts, expanded } = checkTimetable(
      [
        series('a'),
        series('b', { teacherId: 'teacher-li', coreClassroomId: 'room-core-302', subject: '语文' }),
      ],
      none,
      context(),
    );
    const a = conflicts.get('a')!;
    expect(codes(a)).toEqual(['classroom_double_booked']);
    expect(a).toHaveLength(expanded.occurrences.get('a')!.length);
    expect(a[0]).toMatchObject({
      severity: 'hard',
      resourceId: 'room-gaolou-1',
      otherSeriesId: 'b',
      occurrenceId: 'a:2026-09-01',
      otherOccurrenceId: 'b:2026-09-01',
    });
    expect(a[0]!.message).toContain('三年级教室');
    expect(codes(conflicts.get('b'))).toEqual(['classroom_double_booked']);
  });

  it('reports a teacher and a core classroom booked twice, all at once', () => {
    const { conflicts } = checkTimetable(
      [series('a'), series('b', { memberClassroomIds: ['room-gaolou-2'] })],
      none,
      context(),
    );
    expect(codes(conflicts.get('a'))).toEqual(['classroom_double_booked', 'teacher_double_booked']);
  });

  it('finds the clash of a single moved occurrence on its new date only', () => {
    const moved: OccurrenceOverride = {
      seriesId: 'b',
      communityId: 'c',
      date: '2026-09-09',
      cancelled: false,
      moveTo: { date: '2026-09-01', period: 2 },
      note: '',
      revision: 1,
      updatedAt: 0,
    };
    const { conflicts } = checkTimetable(
      [series('a'), series('b', { weekday: 3 })],
      groupOverrides([moved]),
      context(),
    );
    expect(conflicts.get('a')!.map((c) => [c.date, c.resourceId, c.otherOccurrenceId])).toEqual([
      ['2026-09-01', 'teacher-wang', 'b:2026-09-09'],
      ['2026-09-01', 'room-core-301', 'b:2026-09-09'],
      ['2026-09-01', 'room-gaolou-1', 'b:2026-09-09'],
    ]);
  });

  it('ignores cancelled occurrences: they book nothing', () => {
    const cancel: OccurrenceOverride = {
      seriesId: 'b',
      communityId: 'c',
      date: '2026-09-01',
      cancelled: true,
      note: '',
      revision: 1,
      updatedAt: 0,
    };
    const { conflicts } = checkTimetable(
      [series('a'), series('b', { weeks: { kind: 'list', weeks: [1] } })],
      groupOverrides([cancel]),
      context(),
    );
    expect(conflicts.get('a')).toEqual([]);
  });

  it('reports a date moved onto a holiday or out of the term', () => {
    const base = {
      seriesId: 'a',
      communityId: 'c',
      cancelled: false,
      note: '',
      revision: 1,
      updatedAt: 0,
    };
    const { conflicts } = checkTimetable(
      [series('a')],
      groupOverrides([
        { ...base, date: '2026-09-01', moveTo: { date: '2026-10-02', period: 2 } },
        { ...base, date: '2026-09-08', moveTo: { date: '2027-02-02', period: 2 } },
        { ...base, date: '2026-09-15', moveTo: { date: '2026-09-19', period: 2 } },
      ]),
      context(),
    );
    expect(conflicts.get('a')!.map((c) => [c.code, c.date])).toEqual([
      ['holiday', '2026-10-02'],
      ['holiday', '2026-10-02'],
      ['outside_term', '2027-02-02'],
      ['outside_term', '2027-02-02'],
      ['holiday', '2026-09-19'],
      ['holiday', '2026-09-19'],
    ]);
  });

  it("reports a member school's own holiday, on that school", () => {
    const closed = { ...member, calendar: { ...member.calendar, holidays: ['2026-09-08'] } };
    const { conflicts } = checkTimetable([series('a')], none, context([core, closed]));
    expect(conflicts.get('a')).toEqual([
      expect.objectContaining({ code: 'holiday', resourceId: member.id, date: '2026-09-08' }),
    ]);
    expect(hardCount(conflicts.get('a')!)).toBe(1);
  });

  it('flags a member school whose own period does not overlap the slot enough', () => {
    const late = { ...member, bellSchedule: bell('08:20', 45) }; // 第2节 09:15–10:00
    const { conflicts } = checkTimetable([series('a')], none, context([core, late]));
    const c = conflicts.get('a')!;
    expect(c).toHaveLength(1); // one flag per school and slot, not one per date
    expect(c[0]).toMatchObject({
      code: 'period_mismatch',
      severity: 'warning',
      resourceId: member.id,
    });
    expect(c[0]!.message).toContain('38%');
    expect(hardCount(c)).toBe(0);
  });

  it('reports unknown teachers and classrooms and a classroom both core and member', () => {
    const { conflicts } = checkTimetable(
      [series('a', { teacherId: 'nobody', memberClassroomIds: ['room-core-301', 'ghost'] })],
      none,
      context(),
    );
    expect(conflicts.get('a')!.map((c) => c.resourceId)).toEqual([
      'nobody',
      'room-core-301',
      'ghost',
    ]);
  });

  it('checks only the series asked about, against all', () => {
    const { conflicts } = checkTimetable(
      [series('a'), series('b', { memberClassroomIds: ['room-gaolou-2'] })],
      none,
      context(),
      new Set(['b']),
    );
    expect([...conflicts.keys()]).toEqual(['b']);
  });
  describe('a published version still followed while its change is negotiated', () => {
    // a: published in period 2, its working copy moved to period 3.
    const standing = [series('a')];
    const moved = series('a', { period: 3 });
    const other = (period: number) =>
      series('b', { period, teacherId: 'teacher-li', coreClassroomId: 'room-core-302' });

    it('keeps its slot busy for others, saying it is the version in force', () => {
      const { conflicts } = checkTimetable([moved, other(2)], none, context(), undefined, standing);
      const b = conflicts.get('b')!;
      expect(codes(b)).toEqual(['classroom_double_booked']);
      expect(b[0]).toMatchObject({ otherSeriesId: 'a', resourceId: 'room-gaolou-1' });
      expect(b[0]!.message).toContain('现行版本');
      // The change itself is free: its own old slot does not count against it.
      expect(conflicts.get('a')).toEqual([]);
    });

    it('reports a clash once when the working copy stays in the same slot', () => {
      const renamed = series('a', { subject: '数学（新）' });
      const once = checkTimetable([renamed, other(2)], none, context(), undefined, standing);
      const without = checkTimetable([renamed, other(2)], none, context());
      expect(once.conflicts.get('b')).toEqual(without.conflicts.get('b'));
    });
  });
  it('books a 辅导教师 in her member classroom: elsewhere at that time is a clash', () => {
    const helped = series('a', {
      memberTeachers: [{ classroomId: 'room-gaolou-1', teacherId: 'teacher-zhao' }],
    });
    // 赵老师 would also have to keep 四年级教室 in another lesson at the same time.
    const other = series('b', {
      teacherId: 'teacher-li',
      coreClassroomId: 'room-core-302',
      memberClassroomIds: ['room-gaolou-2'],
      memberTeachers: [{ classroomId: 'room-gaolou-2', teacherId: 'teacher-zhao' }],
    });
    const { conflicts, expanded } = checkTimetable([helped, other], none, context());
    expect(codes(conflicts.get('a'))).toEqual(['teacher_double_booked']);
    expect(conflicts.get('a')![0]).toMatchObject({ resourceId: 'teacher-zhao' });
    expect(expanded.occurrences.get('a')![0]!.memberTeachers).toEqual([
      { classroomId: 'room-gaolou-1', teacherId: 'teacher-zhao' },
    ]);
  });
});
