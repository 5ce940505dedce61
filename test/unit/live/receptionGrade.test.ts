import { describe, expect, it } from 'vitest';
import { gradeReception, type ReceptionFigures } from '../../../server/live/layers/receptionGrade';

const clean: ReceptionFigures = {
  paused: false,
  heldDown: true,
  layer: 2,
  maxLayer: 2,
  fps: 29,
  freezes: 0,
  lossPct: 0,
  rttMs: 30,
};

describe('what a classroom receives, graded', () => {
  it.each([
    ['all of it', {}, 'good', []],
    ['360p of a 720p screen', { layer: 1 }, 'fair', ['low_layer']],
    ['180p of a 720p screen', { layer: 0 }, 'poor', ['low_layer']],
    ['180p while still climbing from the start', { layer: 0, heldDown: false }, 'good', []],
    [
      'no picture (paused by its link)',
      { paused: true, layer: -1, fps: 0 },
      'poor',
      ['video_paused'],
    ],
    ['a freeze', { freezes: 1 }, 'fair', ['freezes']],
    ['7 fps', { fps: 7 }, 'fair', ['low_fps']],
    ['6 % loss and 250 ms', { lossPct: 6, rttMs: 250 }, 'poor', ['loss', 'delay']],
    ['a browser that reports nothing', { fps: null, freezes: null }, 'good', []],
  ] as const)('%s', (_, over, grade, issues) => {
    const r = gradeReception({ ...clean, ...over });
    expect(r.grade).toBe(grade);
    expect(r.issues).toEqual(issues);
  });
});
