import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth';
import { researchGate } from '../../../server/research/researchGate';
import { occurrence } from '../lessons/support/occurrences';

const o = occurrence();
const base = { communityIds: ['ruian-p-18'], name: 'x' };
const teacher: Principal = { ...base, sub: 'u-li', role: 'teacher', teacherId: 'teacher-li' };

describe('researchGate', () => {
  it('lets the community’s teachers, coordinators and the lesson’s classroom PCs write while open', () => {
    expect(researchGate(teacher, o, 'research')).toEqual({ ok: true, access: 'write' });
    expect(researchGate({ ...base, sub: 'c', role: 'coordinator' }, o, 'research')).toEqual({
      ok: true,
      access: 'write',
    });
    expect(
      researchGate(
        { ...base, sub: 'room-gaolou-1', role: 'device', classroomId: 'room-gaolou-1' },
        o,
        'research',
      ),
    ).toEqual({ ok: true, access: 'write' });
    expect(
      researchGate(
        { ...base, sub: 'room-x', role: 'device', classroomId: 'room-x' },
        o,
        'research',
      ),
    ).toEqual({ ok: false, reason: 'role_not_allowed' });
  });

  it('lets observers only read, and everyone only read once archived', () => {
    expect(researchGate({ ...base, sub: 'o', role: 'observer' }, o, 'research')).toEqual({
      ok: true,
      access: 'read',
    });
    expect(researchGate(teacher, o, 'archived')).toEqual({ ok: true, access: 'read' });
  });

  it('is closed before the lesson ends', () => {
    expect(researchGate(teacher, o, 'live')).toEqual({ ok: false, reason: 'research_not_open' });
  });

  it('refuses other communities and links made for another lesson', () => {
    expect(researchGate({ ...teacher, communityIds: ['fengze-5g-01'] }, o, 'research')).toEqual({
      ok: false,
      reason: 'wrong_community',
    });
    expect(
      researchGate({ ...teacher, occurrenceId: 'series-math:2025-09-02' }, o, 'research'),
    ).toEqual({ ok: false, reason: 'wrong_lesson' });
    expect(researchGate({ ...teacher, occurrenceId: o.occurrenceId }, o, 'research')).toEqual({
      ok: true,
      access: 'write',
    });
  });
  it('lets only the lesson’s own teachers write once the timetable names every 辅导教师', () => {
    const named = {
      ...o,
      memberTeachers: [
        { classroomId: 'room-gaolou-1', teacherId: 'teacher-zhang' },
        { classroomId: 'room-ningyi-1', teacherId: 'teacher-chen' },
      ],
    };
    const as = (teacherId: string): Principal => ({ ...teacher, teacherId });
    expect(researchGate(as('teacher-zhang'), named, 'research')).toEqual({
      ok: true,
      access: 'write',
    });
    expect(researchGate(as(o.teacherId), named, 'research')).toEqual({
      ok: true,
      access: 'write',
    });
    // A colleague of the community may follow the discussion, not write in it …
    expect(researchGate(as('teacher-li'), named, 'research')).toEqual({
      ok: true,
      access: 'read',
    });
    // … unless a member classroom has nobody named, whom she may stand for.
    const oneNamed = { ...named, memberTeachers: named.memberTeachers.slice(0, 1) };
    expect(researchGate(as('teacher-li'), oneNamed, 'research')).toEqual({
      ok: true,
      access: 'write',
    });
    // An invitation link for this lesson always writes.
    expect(
      researchGate({ ...as('teacher-li'), occurrenceId: o.occurrenceId }, named, 'research'),
    ).toEqual({ ok: true, access: 'write' });
  });
});
