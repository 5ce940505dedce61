import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../../shared/recording';
import { timerAt, timerChanges, timerEvents, timerShownAt } from '../../../shared/timerReplay';

const started = (at: number, durationMs?: number): LessonEvent =>
  durationMs === undefined
    ? { at, type: 'timer_started', mode: 'stopwatch' }
    : { at, type: 'timer_started', mode: 'countdown', durationMs };
const stopped = (at: number): LessonEvent => ({ at, type: 'timer_stopped' });

describe('the shared timer at a moment of playback', () => {
  // a 3-minute countdown from 10 s, stopped at 70 s; later a stopwatch from 200 s
  const events = timerEvents([
    { at: 5_000, type: 'hand', peerId: 'x', displayName: 'x', raised: true },
    started(200_000),
    stopped(70_000),
    started(10_000, 180_000),
  ]);

  it('is nothing before the teacher starts one', () => {
    expect(timerAt(events, 9_999)).toBeNull();
    expect(timerShownAt(events, 0)).toBeNull();
  });

  it('counts down from the recorded start, whatever order the log holds it in', () => {
    expect(timerShownAt(events, 10_000)).toMatchObject({
      ms: 180_000,
      digits: '03:00',
      label: '倒计时',
      done: false,
      stopped: false,
    });
    // 0.4 s in: the live face rounds a countdown up, as the projectors did
    expect(timerShownAt(events, 10_400)?.digits).toBe('03:00');
    expect(timerShownAt(events, 11_000)?.digits).toBe('02:59');
    expect(timerShownAt(events, 40_000)).toMatchObject({ ms: 150_000, digits: '02:30' });
  });

  it('holds the value it had when stopped, marked stopped', () => {
    const held = { ms: 120_000, digits: '02:00', label: '倒计时', stopped: true };
    expect(timerShownAt(events, 70_000)).toMatchObject(held);
    expect(timerShownAt(events, 150_000)).toMatchObject(held);
    expect(timerAt(events, 150_000)).toEqual({
      mode: 'countdown',
      startedAt: 10_000,
      durationMs: 180_000,
      stoppedAt: 70_000,
    });
  });

  it('is replaced by a new start: a stopwatch counts up from it', () => {
    expect(timerShownAt(events, 200_000)).toMatchObject({ ms: 0, digits: '00:00', label: '计时' });
    expect(timerShownAt(events, 263_900)).toMatchObject({ digits: '01:03', stopped: false });
    expect(timerShownAt(events, 200_000 + 3_723_000)?.digits).toBe('1:02:03');
  });

  it('shows 时间到 at zero once a countdown runs out, and stays there', () => {
    const short = timerEvents([started(1_000, 5_000)]);
    expect(timerShownAt(short, 5_999)).toMatchObject({ digits: '00:01', done: false });
    expect(timerShownAt(short, 6_000)).toMatchObject({ ms: 0, label: '时间到', done: true });
    expect(timerShownAt(short, 60_000)).toMatchObject({ digits: '00:00', done: true });
  });

  it('shows none once a room made again cleared it, until the next start', () => {
    const cleared = timerEvents([
      started(1_000),
      { at: 4_000, type: 'timer_cleared' },
      started(9_000, 60_000),
    ]);
    expect(timerShownAt(cleared, 3_999)).toMatchObject({ digits: '00:02', stopped: false });
    expect(timerShownAt(cleared, 4_000)).toBeNull();
    expect(timerShownAt(cleared, 8_999)).toBeNull();
    expect(timerShownAt(cleared, 9_000)).toMatchObject({ digits: '01:00' });
    // the stopwatch's seconds end where it was cleared
    expect(timerChanges(cleared, 0, 9_000)).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
  });

  it('ignores a second stop, and a stop with no timer', () => {
    const twice = timerEvents([stopped(500), started(1_000), stopped(3_000), stopped(9_000)]);
    expect(timerAt(twice, 800)).toBeNull();
    expect(timerShownAt(twice, 10_000)).toMatchObject({ ms: 2_000, stopped: true });
  });

  it('knows where its face may change: each whole second of its value, and its events', () => {
    // a 2.5 s countdown from 1 s rounds up: 3 → 2 at 1.5 s, 1 at 2.5 s, 0 at 3.5 s
    const cd = timerEvents([started(1_000, 2_500), stopped(3_000)]);
    expect(timerChanges(cd, 0, 10_000)).toEqual([0, 1_000, 1_500, 2_500, 3_000]);
    const sw = timerEvents([started(1_000)]);
    expect(timerChanges(sw, 0, 3_500)).toEqual([0, 1_000, 2_000, 3_000]);
    // between two of them the face is the same
    const cuts = timerChanges(cd, 0, 10_000);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const { ms: _a, ...before } = timerShownAt(cd, cuts[i + 1]! - 1) ?? { ms: 0 };
      const { ms: _b, ...from } = timerShownAt(cd, cuts[i]!) ?? { ms: 0 };
      expect(before).toEqual(from);
    }
  });
});
