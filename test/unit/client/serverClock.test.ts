// The server's clock on a screen: from the round trip with the least delay, whatever the
// PC's own clock says (only the monotonic clock and the server's answers are used).
import { describe, expect, it } from 'vitest';
import { ServerClock, bestSample } from '../../../client/lib/serverClock';

describe('the server clock on a screen', () => {
  it('takes the offset of the shortest round trip', async () => {
    let perf = 1000;
    // The server runs 5,000,000 ms ahead of performance.now(); each answer comes back
    // after an uneven delay (out: d/4, back: 3d/4 — the worst case NTP can bound).
    const delays = [400, 30, 250, 10, 90];
    const server = 5_000_000;
    let i = 0;
    const clock = new ServerClock(
      async () => {
        const d = delays[i++]!;
        perf += d / 4;
        const now = perf + server;
        perf += (3 * d) / 4;
        return { now };
      },
      () => perf,
    );
    await clock.sync(5);
    expect(clock.rttMs).toBe(10);
    // Off by at most half the best round trip.
    expect(Math.abs(clock.now() - (perf + server))).toBeLessThanOrEqual(5);
    perf += 60_000;
    expect(Math.abs(clock.now() - (perf + server))).toBeLessThanOrEqual(5);
  });

  it('picks the least round trip of the samples', () => {
    expect(
      bestSample([
        { offset: 1, rtt: 9 },
        { offset: 2, rtt: 3 },
      ]),
    ).toEqual({ offset: 2, rtt: 3 });
    expect(bestSample([])).toBeUndefined();
  });
});
