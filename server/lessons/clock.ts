// The time source and timers of the lesson clock, injected so tests drive time by hand.

export interface Clock {
  now(): number;
  /** Calls `fn` once at (or after) the absolute time `at`; returns a cancel function. */
  setTimer(at: number, fn: () => unknown): () => void;
}

/** setTimeout caps a delay at 2^31-1 ms (~24.8 days); longer waits re-arm. */
const MAX_DELAY = 2 ** 31 - 1;

export function systemClock(now: () => number = Date.now): Clock {
  return {
    now,
    setTimer(at, fn) {
      let handle: NodeJS.Timeout;
      const arm = () => {
        const delay = at - now();
        if (delay <= 0) {
          handle = setTimeout(fn, 0);
          return;
        }
        handle = setTimeout(delay > MAX_DELAY ? arm : fn, Math.min(delay, MAX_DELAY));
      };
      arm();
      handle!.unref?.();
      return () => clearTimeout(handle);
    },
  };
}

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => unknown;
}

/**
 * A clock that moves only when told: tests and demos ("play the next lesson now"). Timer
 * callbacks that return a promise are awaited, so `advanceTo` returns once every effect of
 * the elapsed time has settled, including timers those callbacks set on the way.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: PendingTimer[] = [];

  constructor(start: number) {
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  setTimer(at: number, fn: () => unknown): () => void {
    const timer = { at, seq: this.#seq++, fn };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** The earliest pending timer's time, if any. */
  get nextTimerAt(): number | undefined {
    return this.#timers.reduce<number | undefined>(
      (m, t) => (m === undefined || t.at < m ? t.at : m),
      undefined,
    );
  }

  async advanceTo(time: number): Promise<void> {
    if (time < this.#now) throw new RangeError('a ManualClock does not go backwards');
    for (;;) {
      const due = this.#timers
        .filter((t) => t.at <= time)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#now = Math.max(this.#now, due.at);
      await due.fn();
    }
    this.#now = time;
  }

  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(this.#now + ms);
  }
}
