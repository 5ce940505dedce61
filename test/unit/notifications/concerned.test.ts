// Who a change concerns: the pure rules, with `now` passed in.
import { describe, expect, it } from 'vitest';
import {
  changeKind,
  concernedBy,
  missingAtStart,
  type Names,
} from '../../../server/notifications/concerned';
import type { OccurrenceChangedEvent } from '../../../server/timetable/timetableEvents';
import type { ScheduledOccurrence } from '../../../shared/timetable/occurrence';
import { noticeText } from '../../../shared/notifications';

const names: Names = {
  zone: 'Asia/Shanghai',
  teacher: (id) => ({ t1: '王老师', t2: '李老师', t3: '赵老师', sub: '钱老师' })[id] ?? id,
  school: (id) => ({ s1: '城关小学', s2: '山区小学', s3: '河口小学' })[id] ?? id,
  classroom: (id) => ({ r2: '山区小学 三(1)班', r3: '河口小学 三(2)班' })[id] ?? id,
};
const START = Date.parse('2026-09-08T08:00:00+08:00');
const END = START + 40 * 60_000;

function changed(over: Partial<OccurrenceChangedEvent> = {}): OccurrenceChangedEvent {
  return {
    kind: 'occurrence_changed',
    communityId: 'c1',
    seriesId: 'ser-1',
    occurrenceId: 'ser-1:2026-09-08',
    subject: '数学',
    date: '2026-09-08',
    teacherId: 't1',
    memberTeachers: [{ classroomId: 'r2', teacherId: 't2' }],
    override: { cancelled: false, note: '' },
    start: START,
    end: END,
    at: START - 86_400_000,
    ...over,
  };
}

describe('who a change concerns', () => {
  it('a proposal waits for each member school (its office) and for the coordinator', () => {
    const notices = concernedBy(
      {
        kind: 'proposed',
        communityId: 'c1',
        seriesId: 'ser-1',
        subject: '数学',
        weekday: 2,
        period: 1,
        schoolIds: ['s2', 's3'],
        at: 0,
      },
      names,
      0,
    );
    expect(notices.map((n) => [n.audience, n.params.school])).toEqual([
      ['school:s2', '山区小学'],
      ['school:s3', '河口小学'],
      ['coordinator:c1', '山区小学、河口小学'],
    ]);
    expect(noticeText(notices[0]!).zh).toBe('数学课（星期二 第1节）的排课提议等待 山区小学 答复');
  });

  it('a moved lesson concerns its core teacher and its 辅导教师, with the new time', () => {
    const moved = changed({
      override: { cancelled: false, moveTo: { date: '2026-09-09', period: 3 }, note: '' },
      start: Date.parse('2026-09-09T10:00:00+08:00'),
      end: Date.parse('2026-09-09T10:40:00+08:00'),
    });
    const notices = concernedBy(moved, names, START - 1000);
    expect(notices.map((n) => [n.audience, n.kind])).toEqual([
      ['teacher:t1', 'lesson_moved'],
      ['teacher:t2', 'lesson_moved'],
    ]);
    expect(noticeText(notices[0]!).zh).toBe('2026-09-08 的数学课调至 2026-09-09 10:00');
  });

  it('a substitute concerns the series teacher, the substitute and the 辅导教师', () => {
    const notices = concernedBy(
      changed({ override: { cancelled: false, substituteTeacherId: 'sub', note: '' } }),
      names,
      0,
    );
    expect(notices.map((n) => n.audience)).toEqual(['teacher:t1', 'teacher:sub', 'teacher:t2']);
    expect(notices[0]!.params.teacher).toBe('钱老师');
    // The substitute taken off again: she hears it too, it is restored.
    const back = concernedBy(
      changed({ previous: { cancelled: false, substituteTeacherId: 'sub' } }),
      names,
      0,
    );
    expect(back.map((n) => [n.audience, n.kind])).toEqual([
      ['teacher:t1', 'lesson_restored'],
      ['teacher:sub', 'lesson_restored'],
      ['teacher:t2', 'lesson_restored'],
    ]);
  });

  it('the kind of a change: cancelled over moved over substituted; the same again is none', () => {
    const moveTo = { date: '2026-09-09', period: 3 };
    expect(changeKind(undefined, { cancelled: true, moveTo })).toBe('lesson_cancelled');
    expect(changeKind({ cancelled: false }, { cancelled: false, moveTo })).toBe('lesson_moved');
    expect(changeKind({ cancelled: false, moveTo }, { cancelled: false, moveTo })).toBeUndefined();
    expect(changeKind({ cancelled: true }, { cancelled: false })).toBe('lesson_restored');
    expect(changeKind(undefined, { cancelled: false })).toBeUndefined();
  });

  it('a change to a lesson already over concerns nobody', () => {
    const cancel = changed({ override: { cancelled: true, note: '' } });
    expect(concernedBy(cancel, names, END - 1)).toHaveLength(2);
    expect(concernedBy(cancel, names, END)).toEqual([]);
  });

  it('publishing tells only the 辅导教师 newly named, for their classroom', () => {
    const notices = concernedBy(
      {
        kind: 'published',
        communityId: 'c1',
        at: 0,
        series: [
          {
            seriesId: 'ser-1',
            subject: '语文',
            weekday: 1,
            period: 2,
            before: [{ classroomId: 'r2', teacherId: 't2' }],
            memberTeachers: [
              { classroomId: 'r2', teacherId: 't2' },
              { classroomId: 'r3', teacherId: 't3' },
            ],
          },
        ],
      },
      names,
      0,
    );
    expect(notices.map((n) => [n.audience, n.kind])).toEqual([
      ['teacher:t3', 'member_teacher_assigned'],
    ]);
    expect(noticeText(notices[0]!).zh).toBe(
      '您担任语文课（星期一 第2节）河口小学 三(2)班 的辅导教师',
    );
  });

  it('a lesson live without a member classroom: the coordinator and the teacher, while it runs', () => {
    const o: ScheduledOccurrence = {
      occurrenceId: 'ser-1:2026-09-08',
      seriesId: 'ser-1',
      communityId: 'c1',
      subject: '数学',
      teacherId: 't1',
      coreClassroomId: 'r1',
      memberClassroomIds: ['r2', 'r3'],
      start: new Date(START).toISOString(),
      end: new Date(END).toISOString(),
      status: 'scheduled',
      version: 1,
    };
    // The core classroom is the teacher's own: never "missing" here.
    const notices = missingAtStart(o, ['r1', 'r3'], names, START + 120_000);
    expect(notices.map((n) => [n.audience, n.params.classroom])).toEqual([
      ['coordinator:c1', '河口小学 三(2)班'],
      ['teacher:t1', '河口小学 三(2)班'],
    ]);
    expect(missingAtStart(o, ['r3'], names, END)).toEqual([]);
  });
});
