import { describe, expect, it } from 'vitest';
import {
  LinkPolicy,
  costAt,
  defaultLinkPolicy,
  type LinkDecision,
  type LinkSample,
} from '../../../server/live/layers/linkPolicy';

import { camera, run, sample, screen } from './support/linkSamples';

const levels = (ds: LinkDecision[]) => ds.map((d) => d.level);

describe('the link policy', () => {
  it('costs the voice first, then each video at its capped layer', () => {
    const s = sample(0, { videos: [camera, screen] });
    expect(costAt(0, s, defaultLinkPolicy)).toBe(48_000 + 150_000 + 300_000);
    expect(costAt(2, s, defaultLinkPolicy)).toBe(48_000 + 1_500_000 + 300_000);
    // Paused cameras cost nothing; the courseware stays.
    expect(costAt(-1, s, defaultLinkPolicy)).toBe(48_000 + 300_000);
  });

  it.each([
    // link, estimate, levels second by second
    ['open', 5_000_000, [0, 0, 1, 1, 1, 2, 2, 2]],
    ['1.5 Mbit/s', 1_400_000, [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
    ['600 kbit/s', 600_000, [0, 0, 0, 0, 0, 0, 0, 0]],
  ] as const)(
    'on an %s link starts at the lowest layer and steps up one at a time',
    (_, estimate, want) => {
      const policy = new LinkPolicy();
      expect(levels(run(policy, want.length, () => ({ estimate })))).toEqual(want);
    },
  );

  it('at 600 kbit/s holds mediasoup to probing one layer up, never 720p', () => {
    const policy = new LinkPolicy();
    const ds = run(policy, 60, () => ({ estimate: 600_000 }));
    expect(new Set(levels(ds))).toEqual(new Set([0]));
    const cap = costAt(1, sample(0), defaultLinkPolicy) * 1.2 * 1.15;
    for (const d of ds) {
      expect(d.maxOutgoingBitrate).toBeLessThanOrEqual(Math.round(cap));
      expect(d.minOutgoingBitrate).toBe(198_000);
      expect(d.layers.get('cam')).toEqual({ spatialLayer: 0, temporalLayer: 2 });
    }
  });

  it('steps down at once on a falling estimate, to the layer it carries', () => {
    const policy = new LinkPolicy();
    run(policy, 8, () => ({ estimate: 5_000_000 }));
    expect(policy.level).toBe(2);
    const [down] = run(policy, 1, () => ({ estimate: 400_000 }), 8000);
    expect(down!.level).toBe(0);
    expect(down!.reason).toBe('bandwidth');
  });

  it('steps down one layer at once on loss, and loss still reported of it does not cascade', () => {
    const policy = new LinkPolicy();
    run(policy, 8, () => ({ estimate: 5_000_000 }));
    const ds = run(policy, 2, () => ({ estimate: 5_000_000, loss: 0.1 }), 8000);
    expect(levels(ds)).toEqual([1, 1]);
    expect(ds[0]!.reason).toBe('loss');
  });

  it.each([
    // failed step ups in a row → how long the next try waits (doubling, bounded)
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [4, 80_000],
    [6, 80_000],
  ])('after %i failed step ups, waits %i ms before the next', (failures, wait) => {
    const policy = new LinkPolicy();
    let t = 0;
    const tick = (over: Partial<LinkSample>) => {
      const d = policy.decide(sample(t, over));
      t += 1000;
      return d;
    };
    // 700 kbit/s: enough to try 360p (548 k × 1.2), which then loses packets.
    for (let f = 0; f < failures; f++) {
      while (tick({ estimate: 700_000 }).level === 0);
      tick({ estimate: 700_000, loss: 0.12 });
      expect(policy.level).toBe(0);
    }
    expect(policy.failures).toBe(failures);
    const downAt = t - 1000;
    let upAt = downAt;
    while (tick({ estimate: 700_000 }).level === 0) upAt = t;
    expect(upAt - downAt).toBeGreaterThanOrEqual(wait);
    expect(upAt - downAt).toBeLessThanOrEqual(wait + defaultLinkPolicy.holdMs + 1000);
  });

  it('after a failure, climbs again only once the last step up has held its probation', () => {
    const policy = new LinkPolicy();
    // 700 kbit/s: 360p fits (548 k × 1.2), 720p does not.
    const d = (t: number, loss = 0) => policy.decide(sample(t, { estimate: 700_000, loss }));
    const trace = (from: number, to: number) => {
      const out: string[] = [];
      for (let t = from; t < to; t += 1000) {
        d(t);
        out.push(`${policy.level}${policy.probing ? 'p' : ''}`);
      }
      return out.join(' ');
    };
    expect(trace(0, 6000)).toBe('0p 0p 1 1p 1p 1p');
    d(6000, 0.2); // 360p loses packets: a failed step up
    expect([policy.level, policy.failures]).toEqual([0, 1]);
    // 10 s later a probe, 360p again, then no probe for 720p until 360p held 8 s…
    expect(trace(7000, 26_000)).toBe(`${'0 '.repeat(9)}0p 0p ${'1 '.repeat(8)}`.trim());
    // …when the failures are forgiven and 720p is probed for (and fails: 10 s again).
    expect(trace(26_000, 31_000)).toBe('1p 1p 1p 1p 1');
    expect(policy.failures).toBe(1);
  });

  it('steps down at once when the link starts to queue (rtt well above its lowest)', () => {
    const policy = new LinkPolicy();
    run(policy, 8, () => ({ estimate: 5_000_000, rttMs: 20 }));
    expect(policy.level).toBe(2);
    const [down] = run(policy, 1, () => ({ estimate: 5_000_000, rttMs: 200 }), 8000);
    expect([down!.level, down!.reason]).toEqual([1, 'delay']);
  });

  it('ends a probe that costs the voice packets, and waits before the next', () => {
    const policy = new LinkPolicy();
    const [first, second] = run(policy, 2, (t) => ({ estimate: 600_000, loss: t > 0 ? 0.05 : 0 }));
    expect(first!.maxOutgoingBitrate).toBeGreaterThan(700_000); // probing for 360p
    expect(second!.maxOutgoingBitrate).toBeLessThan(250_000); // held to 180p again
    expect(policy.failures).toBe(1);
  });

  it('a probe lasts while the estimate climbs from a low start, then steps up', () => {
    const policy = new LinkPolicy();
    // GCC's ramp: +10 % a second from the 300 kbit/s start, on a link that carries 5 Mbit/s.
    const ds = run(policy, 20, (t) => ({ estimate: 300_000 * 1.1 ** (t / 1000) }));
    expect(ds.at(-1)!.level).toBe(1);
    expect(policy.failures).toBe(0);
  });

  it('a lossy radio link (steady 10 % loss) is no congestion: it climbs and never pauses', () => {
    const policy = new LinkPolicy();
    const ds = run(policy, 30, () => ({ estimate: 5_000_000, loss: 0.1 }));
    expect(ds.at(-1)!.level).toBe(2);
    expect(ds.some((d) => d.poor)).toBe(false);
  });

  it('never pauses the camera while the lowest layer is carried', () => {
    const policy = new LinkPolicy();
    const ds = run(policy, 120, () => ({ estimate: 250_000 }));
    expect(ds.every((d) => d.level === 0 && !d.poor)).toBe(true);
  });

  it('pauses the camera (voice first, courseware stays) when 180p is not carried, and says so', () => {
    const policy = new LinkPolicy();
    const ds = run(policy, 5, () => ({ estimate: 198_000, loss: 0.25, videos: [camera, screen] }));
    expect(levels(ds)).toEqual([0, 0, 0, -1, -1]);
    const paused = ds[3]!;
    expect(paused.poor).toBe(true);
    expect(paused.reason).toBe('loss');
    expect(paused.layers.get('cam')).toBe('paused');
    expect(paused.layers.get('screen')).toEqual({ spatialLayer: 0, temporalLayer: 2 });
    // Paused: no floor for cameras, and no probing beyond the lowest layer.
    expect(paused.minOutgoingBitrate).toBe(0);
  });

  it('tries the lowest layer again after the wait, and waits longer when that fails', () => {
    const policy = new LinkPolicy();
    const bad = { estimate: 198_000, loss: 0.25 };
    const trace = levels(run(policy, 45, () => bad));
    // Paused once three reports said it (5 s), tried again after the first failed probe's
    // 10 s wait (12 s), paused again (16 s): the next try waits 20 s (36 s).
    expect(trace.indexOf(-1)).toBe(5);
    expect(trace.indexOf(0, 5)).toBe(12);
    expect(trace.indexOf(-1, 12)).toBe(16);
    expect(trace.indexOf(0, 16)).toBe(36);
  });

  it('never goes above what the tile needs', () => {
    const policy = new LinkPolicy();
    const small = { ...camera, wish: 0 };
    const ds = run(policy, 20, () => ({ videos: [small] }));
    expect(ds.every((d) => d.level === 0 && d.maxLevel === 0)).toBe(true);
    expect(ds.at(-1)!.maxOutgoingBitrate).toBeLessThan(300_000);
  });

  it('without an estimate (no transport-cc) leaves the layer to the tile, uncapped', () => {
    const d = new LinkPolicy().decide(sample(0, { estimate: undefined }));
    expect(d.layers.get('cam')).toEqual({ spatialLayer: 2, temporalLayer: 2 });
    expect(d.maxOutgoingBitrate).toBe(0);
  });

  it('with audio only there is nothing to cap', () => {
    const d = new LinkPolicy().decide(sample(0, { videos: [] }));
    expect(d.maxOutgoingBitrate).toBe(0);
    expect(d.minOutgoingBitrate).toBe(0);
  });
});
