import { describe, expect, it } from 'vitest';
import {
  chooseLayout,
  initialLayout,
  shareStarted,
  shareStopped,
} from '../../../server/live/layout/layoutRules';

describe('projector layout rules', () => {
  it('starts with the teacher full screen', () => {
    expect(initialLayout()).toEqual({ layout: 'teacher', cause: 'chosen', beforeShare: null });
  });

  it('a screen share switches to the courseware and its end switches back', () => {
    const chosen = chooseLayout(initialLayout(), 'stage');
    const sharing = shareStarted(chosen);
    expect(sharing).toEqual({ layout: 'courseware', cause: 'share_started', beforeShare: 'stage' });
    expect(shareStopped(sharing)).toEqual({
      layout: 'stage',
      cause: 'share_stopped',
      beforeShare: null,
    });
  });

  it('a choice made during the share that shows the courseware still returns afterwards', () => {
    const sharing = chooseLayout(shareStarted(initialLayout()), 'side_by_side');
    expect(shareStopped(sharing).layout).toBe('teacher');
  });

  it('a choice made during the share without the courseware is kept when it ends', () => {
    const sharing = chooseLayout(shareStarted(chooseLayout(initialLayout(), 'stage')), 'teacher');
    expect(shareStopped(sharing)).toEqual({
      layout: 'teacher',
      cause: 'chosen',
      beforeShare: null,
    });
  });

  it('a second share start while one runs keeps what was before the first', () => {
    const twice = shareStarted(shareStarted(chooseLayout(initialLayout(), 'stage')));
    expect(twice.beforeShare).toBe('stage');
  });

  it('a stop without a share changes nothing', () => {
    const state = chooseLayout(initialLayout(), 'side_by_side');
    expect(shareStopped(state)).toBe(state);
  });
});
