// The benchmark harness in its smoke mode: tiny sizes, a few seconds, and only the shape of
// the figures checked (the real run is `npm run bench`, never part of `npm test`).
import { describe, expect, it } from 'vitest';
import { runBench } from '../../bench/suite';

const isNumber = (x: unknown) => typeof x === 'number' && Number.isFinite(x);

describe('npm run bench, smoke mode', () => {
  it('produces every figure as a number', async () => {
    // The join bench loads the whole server and a wrtc child; it has its own test elsewhere.
    const r = await runBench({
      smoke: true,
      only: ['fanout', 'lessons', 'signaling'],
      log: () => undefined,
    });
    expect(r.errors).toEqual({});
    expect(r.machine.cores).toBeGreaterThan(0);
    expect(r.machine.mediasoup).toMatch(/^3\./);

    const f = r.fanout!;
    expect(f.steps.length).toBeGreaterThanOrEqual(2);
    for (const s of f.steps) {
      for (const v of [s.workerCpuPct, s.packetsPerSec, s.mbitPerSec, s.lossPct])
        expect(isNumber(v)).toBe(true);
      expect(s.packetsPerSec).toBeGreaterThan(0);
    }
    expect(isNumber(f.tongke.classroomsPerCore)).toBe(true);
    expect(isNumber(f.baseline.classroomsPerCore)).toBe(true);
    expect(isNumber(f.capacityRatio)).toBe(true);
    const light = f.latency.light.tongke!;
    expect(isNumber(light.addedP50Us) && isNumber(light.addedP99Us)).toBe(true);

    const l = r.lessons!;
    expect(l.steps.length).toBeGreaterThanOrEqual(2);
    expect(l.steps.every((s) => s.packetsPerSec > 0)).toBe(true);
    // Tiny smoke loads may not move a worker's CPU enough to fit a line: then it says so.
    expect(l.scaling === null || isNumber(l.scaling)).toBe(true);
    expect(l.oneWorker.largestPassingStep).toBeGreaterThan(0);

    const g = r.signaling!;
    expect(g.joinsPerSec).toBeGreaterThan(0);
    expect(isNumber(g.joinP50Ms) && isNumber(g.joinP95Ms)).toBe(true);
  }, 60_000);
});
