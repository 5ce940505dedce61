import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth';
import { joinGate } from '../../../server/lessons/joinGate';
import { MIN, occurrence } from './support/occurrences';

const o = occurrence();
const start = Date.parse(o.start);
const community = ['ruian-p-18'];
const device = (classroomId: string): Principal => ({
  sub: `dev-${classroomId}`,
  role: 'device',
  name: classroomId,
  communityIds: community,
  classroomId,
});
const teacher = (teacherId: string): Principal => ({
  sub: `u-${teacherId}`,
  role: 'teacher',
  name: teacherId,
  communityIds: community,
  teacherId,
});

describe('joinGate', () => {
  it('lets a member and the core classroom device join while the lesson is open or live', () => {
    expect(joinGate(device('room-gaolou-1'), o, 'open', start)).toEqual({
      ok: true,
      role: 'classroom',
    });
    expect(joinGate(device('room-core-301'), o, 'live', start)).toEqual({
      ok: true,
      role: 'classroom',
    });
  });

  it('refuses a device whose classroom is not scheduled for this lesson', () => {
    expect(joinGate(device('room-other'), o, 'live', start)).toEqual({
      ok: false,
      reason: 'classroom_not_in_lesson',
    });
  });

  it('refuses devices before the room opens and after the lesson', () => {
    expect(joinGate(device('room-gaolou-1'), o, 'scheduled', start - 30 * MIN)).toEqual({
      ok: false,
      reason: 'lesson_not_open',
    });
    expect(joinGate(device('room-gaolou-1'), o, 'ended', start + 41 * MIN)).toEqual({
      ok: false,
      reason: 'lesson_over',
    });
    expect(joinGate(device('room-gaolou-1'), o, 'research', start + 41 * MIN)).toEqual({
      ok: false,
      reason: 'lesson_over',
    });
  });

  it('lets the lesson teacher in early enough to start early, and no other teacher', () => {
    expect(joinGate(teacher('teacher-wang'), o, 'scheduled', start - 10 * MIN)).toEqual({
      ok: true,
      role: 'teacher',
    });
    expect(joinGate(teacher('teacher-wang'), o, 'scheduled', start - 11 * MIN)).toEqual({
      ok: false,
      reason: 'lesson_not_open',
    });
    expect(joinGate(teacher('teacher-li'), o, 'live', start)).toEqual({
      ok: false,
      reason: 'not_lesson_teacher',
    });
  });

  it('lets coordinators and observers of the community watch', () => {
    const coordinator: Principal = {
      sub: 'u-c',
      role: 'coordinator',
      name: '教务',
      communityIds: community,
    };
    expect(joinGate(coordinator, o, 'live', start)).toEqual({ ok: true, role: 'observer' });
    expect(joinGate({ ...coordinator, role: 'observer' }, o, 'open', start)).toEqual({
      ok: true,
      role: 'observer',
    });
  });

  it('refuses anyone from another community, whatever the role', () => {
    const outsider: Principal = {
      sub: 'u-x',
      role: 'coordinator',
      name: 'x',
      communityIds: ['fengze-5g-01'],
    };
    expect(joinGate(outsider, o, 'live', start)).toEqual({ ok: false, reason: 'wrong_community' });
    expect(
      joinGate({ ...device('room-gaolou-1'), communityIds: ['fengze-5g-01'] }, o, 'live', start),
    ).toEqual({ ok: false, reason: 'wrong_community' });
  });

  it('refuses a cancelled lesson', () => {
    expect(joinGate(device('room-gaolou-1'), { ...o, status: 'cancelled' }, 'open', start)).toEqual(
      { ok: false, reason: 'lesson_cancelled' },
    );
  });
});
