import { describe, expect, it } from 'vitest';
import {
  applyTransition,
  canTransition,
  dueClockTransition,
  InvalidTransitionError,
  newLessonRecord,
  nextClockTransition,
} from '../../../server/lessons/transitions';
import { defaultLifecycleSettings as s } from '../../../server/lessons/settings';
import { MIN, occurrence } from './support/occurrences';

const o = occurrence();
const start = Date.parse(o.start);
const end = Date.parse(o.end);

describe('lesson state machine', () => {
  it('plans open 5 min before start, live at start, ended at the end', () => {
    let r = newLessonRecord(o);
    expect(nextClockTransition(r, s)).toEqual({ to: 'open', at: start - 5 * MIN, cause: 'clock' });
    r = applyTransition(r, 'open', start - 5 * MIN, 'clock', s);
    expect(nextClockTransition(r, s)).toMatchObject({ to: 'live', at: start });
    r = applyTransition(r, 'live', start, 'clock', s);
    expect(nextClockTransition(r, s)).toMatchObject({ to: 'ended', at: end });
  });

  it('opens research right after the end and archives it after the research duration', () => {
    let r = applyTransition(newLessonRecord(o), 'live', start, 'clock', s);
    r = applyTransition(r, 'ended', end, 'clock', s);
    expect(dueClockTransition(r, end, s)).toMatchObject({ to: 'research' });
    r = applyTransition(r, 'research', end, 'clock', s);
    expect(r.researchClosesAt).toBe(end + s.researchDurationMs);
    expect(nextClockTransition(r, s)).toMatchObject({ to: 'archived', at: end + 60 * MIN });
  });

  it('ends at the extended end when the teacher runs over', () => {
    const r = {
      ...applyTransition(newLessonRecord(o), 'live', start, 'clock', s),
      endAt: end + 10 * MIN,
    };
    expect(dueClockTransition(r, end, s)).toBeNull();
    expect(dueClockTransition(r, end + 10 * MIN, s)).toMatchObject({ to: 'ended' });
  });

  it('records every transition with time, cause and who caused it', () => {
    const r = applyTransition(
      newLessonRecord(o),
      'live',
      start - 3 * MIN,
      'teacher_start',
      s,
      'u-wang',
    );
    expect(r.transitions).toEqual([
      {
        occurrenceId: o.occurrenceId,
        from: 'scheduled',
        to: 'live',
        at: start - 3 * MIN,
        cause: 'teacher_start',
        by: 'u-wang',
      },
    ]);
  });

  it('refuses edges the machine does not have', () => {
    expect(canTransition('live', 'scheduled')).toBe(false);
    expect(canTransition('archived', 'research')).toBe(false);
    expect(() => applyTransition(newLessonRecord(o), 'research', start, 'clock', s)).toThrow(
      InvalidTransitionError,
    );
  });

  it('has nothing more to do once archived', () => {
    const r = { ...newLessonRecord(o), state: 'archived' as const };
    expect(nextClockTransition(r, s)).toBeNull();
  });
});
