// The server's clock on this screen, whatever the PC's own clock says: NTP-style, from a
// few `time` round trips, the one with the shortest round trip wins (its half is the
// least uncertain). Built on performance.now() (monotonic, untouched by a wrong or
// changed wall clock), so it only needs the server's answer. No DOM.

export interface ClockSample {
  /** server time minus this screen's performance.now(), ms */
  offset: number;
  rtt: number;
}

/** The sample with the least round trip: its midpoint is closest to when the server answered. */
export function bestSample(samples: readonly ClockSample[]): ClockSample | undefined {
  let best: ClockSample | undefined;
  for (const s of samples) if (!best || s.rtt < best.rtt) best = s;
  return best;
}

/** How long a sample stays usable: the PC's monotonic clock and the server's drift apart slowly. */
const SAMPLE_LIFE_MS = 5 * 60_000;

export class ServerClock {
  readonly #ask: () => Promise<{ now: number }>;
  readonly #perf: () => number;
  /** recent samples, each with when it was taken (performance.now()) */
  #samples: (ClockSample & { takenAt: number })[] = [];
  #best: ClockSample | undefined;

  constructor(ask: () => Promise<{ now: number }>, perf: () => number = () => performance.now()) {
    this.#ask = ask;
    this.#perf = perf;
  }

  get synced(): boolean {
    return this.#best !== undefined;
  }

  /** Round trip of the sample in use (how far this clock may be off: at most half of it). */
  get rttMs(): number | undefined {
    return this.#best?.rtt;
  }

  /**
   * Takes `count` round trips. The best sample of the last few minutes is used: one taken
   * while the page or the network was busy (a long, lopsided round trip) is outlived by
   * the next calm one.
   */
  async sync(count = 5): Promise<void> {
    for (let i = 0; i < count; i++) {
      const t0 = this.#perf();
      const { now } = await this.#ask();
      const t1 = this.#perf();
      this.#samples.push({ offset: now - (t0 + t1) / 2, rtt: t1 - t0, takenAt: t1 });
    }
    const since = this.#perf() - SAMPLE_LIFE_MS;
    this.#samples = this.#samples.filter((x) => x.takenAt >= since);
    this.#best = bestSample(this.#samples) ?? this.#best;
  }

  /** The server's time now, ms since epoch; before a sync, this PC's own clock. */
  now(): number {
    return this.#best ? this.#perf() + this.#best.offset : Date.now();
  }
}
