import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth';
import {
  checkEnd,
  checkExtend,
  checkStart,
  mayControl,
} from '../../../server/lessons/teacherActions';
import { applyTransition, newLessonRecord } from '../../../server/lessons/transitions';
import { defaultLifecycleSettings as s } from '../../../server/lessons/settings';
import { MIN, occurrence } from './support/occurrences';

const o = occurrence();
const start = Date.parse(o.start);
const end = Date.parse(o.end);
const wang: Principal = {
  sub: 'u-wang',
  role: 'teacher',
  name: '王老师',
  communityIds: ['ruian-p-18'],
  teacherId: 'teacher-wang',
};

describe('teacher actions', () => {
  it('lets the lesson teacher and a coordinator of the community control it', () => {
    const r = newLessonRecord(o);
    expect(mayControl(wang, r)).toEqual({ ok: true });
    expect(mayControl({ ...wang, role: 'coordinator', teacherId: undefined }, r)).toEqual({
      ok: true,
    });
    expect(mayControl({ ...wang, teacherId: 'teacher-li' }, r)).toEqual({
      ok: false,
      reason: 'not_lesson_teacher',
    });
    expect(mayControl({ ...wang, communityIds: ['other'] }, r)).toEqual({
      ok: false,
      reason: 'wrong_community',
    });
  });

  it('allows starting at most 10 minutes early', () => {
    const r = newLessonRecord(o);
    expect(checkStart(r, start - 11 * MIN, s)).toEqual({ ok: false, reason: 'too_early' });
    expect(checkStart(r, start - 10 * MIN, s)).toEqual({ ok: true });
    const live = applyTransition(r, 'live', start, 'clock', s);
    expect(checkStart(live, start, s)).toEqual({ ok: false, reason: 'already_live' });
  });

  it('allows running over by at most 15 minutes', () => {
    const live = applyTransition(newLessonRecord(o), 'live', start, 'clock', s);
    expect(checkExtend(live, end + 15 * MIN, end - MIN, s)).toEqual({ ok: true });
    expect(checkExtend(live, end + 16 * MIN, end - MIN, s)).toEqual({
      ok: false,
      reason: 'beyond_late_limit',
    });
    expect(checkExtend(live, end - 2 * MIN, end - MIN, s)).toEqual({
      ok: false,
      reason: 'in_the_past',
    });
  });

  it('ends only a live lesson', () => {
    expect(checkEnd(newLessonRecord(o))).toEqual({ ok: false, reason: 'not_live' });
  });
});
