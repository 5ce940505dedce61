import { describe, expect, it } from 'vitest';
import { capacityOf, compareCapacities } from '../../bench/fanout';

// Worker CPU ≈ 0.35 % a classroom, as measured here.
const steps = (cpuAt260: number) =>
  [20, 60, 100, 140, 180, 220, 260].map((n) => ({
    classrooms: n,
    cpu: n === 260 ? cpuAt260 : -5.5 + 0.35 * n,
    loss: 0,
    host: 50,
  }));

describe('fan-out capacity', () => {
  it('interpolates where a trusted step crosses 85 % CPU', () => {
    const c = capacityOf(steps(97));
    expect(c.how).toBe('measured');
    expect(c.classroomsPerCore).toBeGreaterThan(220);
    expect(c.classroomsPerCore).toBeLessThan(260);
  });

  it('compares a measured and a projected capacity on one basis', () => {
    // The baseline's step over the limit read 184 % (not the worker's loop): untrusted.
    const tongke = capacityOf(steps(97));
    const baseline = capacityOf(steps(184));
    expect(baseline.how).toBe('projected');
    const both = compareCapacities(tongke, baseline);
    expect(both.tongke.how).toBe('projected');
    expect(both.tongke.classroomsPerCore).toBe(both.baseline.classroomsPerCore);
  });

  it('leaves two measured capacities as they are', () => {
    const a = capacityOf(steps(97));
    const b = capacityOf(steps(99));
    expect(compareCapacities(a, b)).toEqual({ tongke: a, baseline: b });
  });
});
