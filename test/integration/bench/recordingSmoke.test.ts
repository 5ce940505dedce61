// The recording bench in smoke mode: one lesson recorded for a few seconds, its figures
// all numbers, and the recorders really writing (the real run is `npm run bench`).
import { describe, expect, it } from 'vitest';
import { runBench } from '../../bench/suite';

describe('npm run bench, recording, smoke mode', () => {
  it('measures the cost of recording a lesson and of exporting it', async () => {
    const r = await runBench({ smoke: true, only: ['recording'], log: () => undefined });
    expect(r.errors).toEqual({});
    const rec = r.recording!;
    const [step] = rec.steps;
    expect(step!.recorders).toBe(2);
    expect(step!.workerCpuPct.without).toBeGreaterThan(0);
    // A 2 s smoke window may read a recorder's CPU as 0: a number, not a figure.
    expect(step!.recorderCpuPct).toBeGreaterThanOrEqual(0);
    expect(step!.recorderRssMb).toBeGreaterThan(0);
    expect(step!.mbPerLessonHour).toBeGreaterThan(100);
    expect(rec.export?.timesRealTimeOneCore).toBeGreaterThan(0);
    // The recorders on a recorder agent in a namespace of its own (root, as in CI), and the
    // streams sent there only: two ffmpeg ran on the agent, both ways were measured.
    expect(step!.agentRecorders).toBe(2);
    expect(step!.workerCpuPct.agent).toBeGreaterThan(0);
    expect(step!.workerCpuPct.wire).toBeGreaterThan(0);
    expect(rec.recordersElsewhere).toBeDefined();
  }, 120_000);
});
