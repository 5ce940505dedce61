// What a peer's browser says it decoded of its consumers, as counts per stats sample. The
// browser reports its cumulative counters every ~2 s; the room's sampler takes what came
// in since its previous sample. Bounded-rate bookkeeping, nothing per packet.

/** One consumer in a browser's receive report: cumulative since the consumer began. */
export interface DecodeReport {
  consumerId: string;
  framesDecoded: number;
  /** counted by browsers that count freezes (Chromium); absent elsewhere */
  freezeCount?: number;
}

export interface Decoded {
  framesDecoded: number;
  /** absent when the browser does not count freezes */
  freezes?: number;
}

export class ReceiveCounters {
  /** the last cumulative counters reported of each consumer */
  readonly #last = new Map<string, DecodeReport>();
  /** what came in since the last take, per consumer */
  readonly #pending = new Map<string, Decoded>();

  report(consumers: readonly DecodeReport[]): void {
    for (const c of consumers) {
      const last = this.#last.get(c.consumerId);
      // A counter that went back means a new receiver under the same id: count it afresh.
      const since = (now: number, before: number | undefined) =>
        before !== undefined && now >= before ? now - before : now;
      const pending = this.#pending.get(c.consumerId) ?? { framesDecoded: 0 };
      pending.framesDecoded += since(c.framesDecoded, last?.framesDecoded);
      if (c.freezeCount !== undefined) {
        pending.freezes = (pending.freezes ?? 0) + since(c.freezeCount, last?.freezeCount);
      }
      this.#pending.set(c.consumerId, pending);
      const seen = this.#window.get(c.consumerId) ?? { framesDecoded: 0 };
      seen.framesDecoded += since(c.framesDecoded, last?.framesDecoded);
      if (c.freezeCount !== undefined) {
        seen.freezes = (seen.freezes ?? 0) + since(c.freezeCount, last?.freezeCount);
      }
      this.#window.set(c.consumerId, seen);
      this.#last.set(c.consumerId, c);
    }
  }

  /** What was reported of these consumers since the last take; undefined if nothing was. */
  take(consumerIds: Iterable<string>): Decoded | undefined {
    let found: Decoded | undefined;
    for (const id of consumerIds) {
      const pending = this.#pending.get(id);
      if (!pending) continue;
      this.#pending.delete(id);
      found ??= { framesDecoded: 0 };
      found.framesDecoded += pending.framesDecoded;
      if (pending.freezes !== undefined) found.freezes = (found.freezes ?? 0) + pending.freezes;
    }
    return found;
  }

  /** what came in since the last look, per consumer (the reception grade's window) */
  readonly #window = new Map<string, Decoded>();
  #windowFrom: number | undefined;

  /**
   * Frames a second of the best-decoding consumer and freezes of all, since the last look;
   * undefined when nothing was reported. Apart from `take` (attendance has its own window).
   */
  look(now: number): { fps: number; freezes?: number } | undefined {
    const from = this.#windowFrom;
    this.#windowFrom = now;
    if (from === undefined || this.#window.size === 0 || now <= from) {
      this.#window.clear();
      return undefined;
    }
    let frames = 0;
    let freezes: number | undefined;
    for (const d of this.#window.values()) {
      frames = Math.max(frames, d.framesDecoded);
      if (d.freezes !== undefined) freezes = (freezes ?? 0) + d.freezes;
    }
    this.#window.clear();
    return { fps: (frames * 1000) / (now - from), ...(freezes === undefined ? {} : { freezes }) };
  }

  /** The consumer closed: its counters go with it. */
  forget(consumerId: string): void {
    this.#last.delete(consumerId);
    this.#pending.delete(consumerId);
    this.#window.delete(consumerId);
  }
}
