// The link policy under a school's downlink budget (capKbps): the level's cost and the
// transport's max never exceed it, the voice first; a budget changed mid-lesson takes
// effect at the next sample, and the network's back-off is not charged for it.
import { describe, expect, it } from 'vitest';
import {
  LinkPolicy,
  capLevel,
  costAt,
  defaultLinkPolicy,
  type LinkDecision,
  type LinkSample,
} from '../../../server/live/layers/linkPolicy';

import { camera, run, sample, screen } from './support/linkSamples';

/** mediasoup's estimate stops at the transport's max: the policy is fed it that way. */
const clamped = (d: LinkDecision | undefined, estimate: number) =>
  d && d.maxOutgoingBitrate > 0 ? Math.min(estimate, d.maxOutgoingBitrate) : estimate;

function runClamped(policy: LinkPolicy, seconds: number, over: Partial<LinkSample>, from = 0) {
  const out: LinkDecision[] = [];
  for (let i = 0; i < seconds; i++) {
    const estimate = clamped(out.at(-1), over.estimate ?? 5_000_000);
    out.push(policy.decide(sample(from + i * 1000, { ...over, estimate })));
  }
  return out;
}

describe('the link policy under a downlink budget', () => {
  it.each([
    // budget kbit/s, videos, the highest rung within it
    [2000, [camera], 2],
    [1000, [camera], 1],
    [548, [camera], 1],
    [547, [camera], 0],
    [400, [camera], 0],
    [150, [camera], -1],
    [600, [camera, screen], 0],
    [400, [camera, screen], -1],
  ] as const)('%i kbit/s with %j: rung %i', (kbps, videos, want) => {
    const s = sample(0, { videos, capKbps: kbps });
    expect(capLevel(s, 2, kbps * 1000, defaultLinkPolicy)).toBe(want);
  });

  it.each([
    // budget, the level held on an open link after 30 s, the notice's reason
    [undefined, 2, null],
    [2000, 2, null],
    [1000, 1, 'cap'],
    [600, 1, 'cap'],
    [400, 0, 'cap'],
  ] as const)(
    'on an open link with %s kbit/s climbs to %i and no further; mediasoup held within it',
    (capKbps, want, reason) => {
      const policy = new LinkPolicy();
      const ds = runClamped(policy, 30, capKbps === undefined ? {} : { capKbps });
      const last = ds.at(-1)!;
      expect(last.level).toBe(want);
      expect(last.reason).toBe(reason);
      expect(last.poor).toBe(false);
      expect(Math.max(...ds.map((d) => d.level))).toBe(want);
      if (capKbps !== undefined) {
        for (const d of ds) {
          expect(d.maxOutgoingBitrate).toBeLessThanOrEqual(capKbps * 1000);
          expect(costAt(d.level, sample(0), defaultLinkPolicy)).toBeLessThanOrEqual(capKbps * 1000);
        }
      }
      // The budget is no failure of the link: nothing to back off from.
      expect(policy.failures).toBe(0);
    },
  );

  it('a budget below the lowest layer and the voice pauses the cameras at once, the courseware stays', () => {
    const policy = new LinkPolicy();
    const [first] = run(policy, 1, () => ({ videos: [camera, screen], capKbps: 400 }));
    expect(first!.level).toBe(-1);
    expect(first!.poor).toBe(true);
    expect(first!.reason).toBe('cap');
    expect(first!.layers.get('cam')).toBe('paused');
    expect(first!.layers.get('screen')).toEqual({ spatialLayer: 0, temporalLayer: 2 });
    expect(first!.maxOutgoingBitrate).toBeLessThanOrEqual(400_000);
    expect(first!.minOutgoingBitrate).toBe(0);
  });

  it('a budget lowered mid-lesson steps down at the next sample; raised again, it climbs with no back-off', () => {
    const policy = new LinkPolicy();
    const open = runClamped(policy, 20, {});
    expect(open.at(-1)!.level).toBe(2);
    const [lowered] = run(policy, 1, () => ({ capKbps: 400 }), 20_000);
    expect(lowered!.level).toBe(0);
    expect(lowered!.reason).toBe('cap');
    expect(lowered!.maxOutgoingBitrate).toBeLessThanOrEqual(400_000);
    const held = runClamped(policy, 20, { capKbps: 400 }, 21_000);
    expect(new Set(held.map((d) => d.level))).toEqual(new Set([0]));
    const raised = runClamped(policy, 12, {}, 41_000);
    expect(raised[0]!.reason).toBeNull();
    expect(policy.failures).toBe(0);
    expect(raised.findIndex((d) => d.level === 2)).toBeGreaterThan(0);
    expect(raised.findIndex((d) => d.level === 2)).toBeLessThanOrEqual(8);
    expect(raised.at(-1)!.reason).toBeNull();
  });

  it('cameras paused by the budget come back at the next sample once it is lifted', () => {
    const policy = new LinkPolicy();
    run(policy, 5, () => ({ capKbps: 150 }));
    const [back] = run(policy, 1, () => ({ capKbps: 1000 }), 5000);
    expect(back!.level).toBe(0);
    expect(back!.poor).toBe(false);
  });

  it('a link worse than the budget is still the network: its reason, its back-off', () => {
    const policy = new LinkPolicy();
    runClamped(policy, 20, { capKbps: 1000 });
    expect(policy.level).toBe(1);
    const [down] = run(policy, 1, () => ({ capKbps: 1000, estimate: 300_000 }), 20_000);
    expect(down!.level).toBe(0);
    expect(down!.reason).toBe('bandwidth');
  });

  it('without an estimate (no transport-cc) the budget still decides the layer and the max', () => {
    const policy = new LinkPolicy();
    const [d] = run(policy, 1, () => ({ estimate: undefined, capKbps: 400 }));
    expect(d!.level).toBe(0);
    expect(d!.reason).toBe('cap');
    expect(d!.maxOutgoingBitrate).toBe(400_000);
    const [free] = run(new LinkPolicy(), 1, () => ({ estimate: undefined }));
    expect(free!.maxOutgoingBitrate).toBe(0);
  });

  it('mediasoup is never given a max below 30 kbit/s, however small the share', () => {
    const policy = new LinkPolicy();
    const [d] = run(policy, 1, () => ({ capKbps: 10 }));
    expect(d!.level).toBe(-1);
    expect(d!.maxOutgoingBitrate).toBe(30_000);
  });
});
