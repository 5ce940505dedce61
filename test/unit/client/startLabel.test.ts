// The teacher's one start button says what it does (issue 10, defect 9).
import { describe, expect, it } from 'vitest';
import { startLabel } from '../../../client/teacher/startLabel';

const bell = Date.parse('2026-09-01T08:50:00+08:00');
const MIN = 60_000;

describe('the start button’s label', () => {
  it('says it starts early, and by how much, before the bell', () => {
    expect(startLabel(bell, bell - 3 * MIN, 'open')).toBe(
      '提前开始上课（距上课还有 3 分钟） Start now, 3 min early',
    );
    // 2 min 10 s before the bell is still "3 minutes" to go, never "0".
    expect(startLabel(bell, bell - 2 * MIN - 10_000, 'scheduled')).toContain('还有 3 分钟');
  });

  it('just starts after the bell, or when the lesson is already live', () => {
    expect(startLabel(bell, bell, 'open')).toBe('开始上课 Start lesson');
    expect(startLabel(bell, bell + 5 * MIN, 'live')).toBe('开始上课 Start lesson');
    expect(startLabel(bell, bell - 3 * MIN, 'live')).toBe('开始上课 Start lesson');
  });
});
