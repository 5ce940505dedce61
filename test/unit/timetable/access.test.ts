import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth';
import {
  deviceMayRead,
  mayAnswerFor,
  mayChangeSchool,
  maySeeSchedule,
} from '../../../server/timetable/access';

const who = (role: Principal['role'], more: Partial<Principal> = {}) => ({
  sub: `${role}-1`,
  role,
  ...more,
});

describe('who answers a proposal for a member school', () => {
  it.each([
    // [who, school asked, the asker's own school, allowed, on its behalf]
    ['a teacher of that school', who('teacher'), 'sch-gaolou', 'sch-gaolou', true, false],
    ['a teacher of another school', who('teacher'), 'sch-gaolou', 'sch-core', false, false],
    ['a teacher of no known school', who('teacher'), 'sch-gaolou', undefined, false, false],
    ['a coordinator (代为同意)', who('coordinator'), 'sch-gaolou', undefined, true, true],
    [
      'the office of that school',
      who('school_office', { schoolId: 'sch-gaolou' }),
      'sch-gaolou',
      undefined,
      true,
      false,
    ],
    [
      'the office of another school',
      who('school_office', { schoolId: 'sch-ningyi' }),
      'sch-gaolou',
      undefined,
      false,
      false,
    ],
    ['an office of no school', who('school_office'), 'sch-gaolou', undefined, false, false],
    ['an observer', who('observer'), 'sch-gaolou', undefined, false, false],
    ['a classroom PC', who('device'), 'sch-gaolou', 'sch-gaolou', false, false],
  ] as const)('%s', (_name, p, school, own, allowed, onBehalf) => {
    const access = mayAnswerFor(p, school, own);
    expect(access.ok).toBe(allowed);
    if (access.ok) expect(access.onBehalf).toBe(onBehalf);
    else {
      expect(access.code).toBe('answer_own_school_only');
      expect(access.message).toBe(
        '只能代表本校答复 A teacher or school office answers only for their own school',
      );
      expect(access.context).toEqual({ sub: p.sub, schoolId: school });
    }
  });
});

describe("who reads a teacher's day and week", () => {
  it.each([
    ['the teacher herself', who('teacher', { teacherId: 'teacher-wang' }), true],
    ['another teacher', who('teacher', { teacherId: 'teacher-li' }), false],
    ['a teacher without a teacher record', who('teacher'), false],
    ['a coordinator', who('coordinator'), true],
    ['an observer', who('observer'), true],
  ] as const)('%s', (_name, p, allowed) => {
    const access = maySeeSchedule(p, 'teacher-wang');
    expect(access.ok).toBe(allowed);
    if (!access.ok) {
      expect(access.code).toBe('own_schedule_only');
      expect(access.message).toMatch(/^教师只能查看自己的课表/);
      expect(access.context).toEqual({ sub: p.sub, teacherId: 'teacher-wang' });
    }
  });
});

describe('what a classroom PC reads', () => {
  const pc = who('device', { classroomId: 'room-gaolou-1' });
  it('reads its own classroom', () => {
    expect(deviceMayRead(pc, 'room-gaolou-1').ok).toBe(true);
  });
  it('is refused another classroom, and any teacher', () => {
    for (const classroomId of ['room-gaolou-2', undefined]) {
      const access = deviceMayRead(pc, classroomId);
      expect(access).toMatchObject({ ok: false, code: 'own_classroom_only' });
    }
  });
  it('leaves people to the community check', () => {
    expect(deviceMayRead(who('teacher'), 'room-gaolou-2').ok).toBe(true);
    expect(deviceMayRead(who('coordinator'), undefined).ok).toBe(true);
  });
});

describe("who changes a school's bell schedule, classrooms and teachers", () => {
  it.each([
    ['the coordinator (the core school’s 教务)', who('coordinator'), true],
    ['the office of that school', who('school_office', { schoolId: 'sch-gaolou' }), true],
    ['the office of another school', who('school_office', { schoolId: 'sch-core' }), false],
    ['an office of no school', who('school_office'), false],
    ['a teacher of that school', who('teacher', { teacherId: 'teacher-zhao' }), false],
    ['an observer', who('observer'), false],
    ['a classroom PC', who('device', { classroomId: 'room-gaolou-1' }), false],
  ] as const)('%s', (_name, p, allowed) => {
    const access = mayChangeSchool(p, 'sch-gaolou');
    expect(access.ok).toBe(allowed);
    if (!access.ok) {
      expect(access.code).toBe('own_school_only');
      expect(access.message).toMatch(/^学校教务只能修改本校的作息、教室和教师 /);
      expect(access.context).toEqual({ sub: p.sub, role: p.role, schoolId: 'sch-gaolou' });
    }
  });
});
