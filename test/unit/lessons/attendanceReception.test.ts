import { describe, expect, it } from 'vitest';
import { SETTLING_SAMPLES, summarizeQuality } from '../../../server/lessons/attendance';
import type { QualitySample } from '../../../shared/lessons';
import type { ReceptionQuality } from '../../../shared/signaling/reception';

const reception = (grade: ReceptionQuality['grade']): ReceptionQuality => ({
  grade,
  issues: grade === 'good' ? [] : ['low_layer'],
  layer: grade === 'good' ? 2 : 0,
  maxLayer: 2,
  fps: 25,
  freezes: 0,
  lossPct: 0,
  rttMs: 40,
});

// A classroom whose own uplink is clean: only what it received can make its lesson poor.
const sample = (grade: ReceptionQuality['grade']): QualitySample => ({
  bitrateKbps: 600,
  lossPct: 0,
  rttMs: 40,
  sentVideoKbps: 500,
  reception: reception(grade),
});

describe('attendance grades what a classroom received', () => {
  it.each([
    ['received well', ['good', 'good', 'good', 'good'], 'good', 0],
    ['a lower picture a third of the time', ['fair', 'good', 'good', 'fair'], 'fair', 0],
    ['180p of 720p most of the lesson', ['poor', 'poor', 'poor', 'good'], 'poor', 75],
  ] as const)('%s', (_, grades, grade, poorPct) => {
    // The link's climb from the lowest layer comes first, and is not graded.
    const climb = Array.from({ length: SETTLING_SAMPLES }, () => sample('poor'));
    const q = summarizeQuality([...climb, ...grades.map(sample)]);
    expect(q.grade).toBe(grade);
    expect(q.reception).toMatchObject({ samples: 4, poorPct });
    if (grade !== 'good') {
      expect(q.issues).toContain('poor_reception');
      expect(q.reception!.issues).toEqual(['low_layer']);
    }
  });
});
