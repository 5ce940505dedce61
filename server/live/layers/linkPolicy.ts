// The layers a participant's downlink can carry: a pure state machine fed, once a second,
// with what the SFU measured of that link (bandwidth estimate, receiver loss, consumer
// score). It answers which simulcast layer each video consumer gets, whether cameras are
// paused altogether, and the bounds the SFU's own bandwidth estimation must keep to.
// Issue #14: mediasoup alone probed a 600 kbit/s link for 720p every 11–16 s (4.5–10
// Mbit/s bursts) and, after each failed try, forwarded no layer at all for seconds.

/** One video consumer of the link, as the policy weighs it. */
export interface VideoWant {
  id: string;
  /** bit/s of each spatial layer, low → high (one entry for a single-stream consumer) */
  rates: readonly number[];
  /** the highest spatial layer the receiving tile needs (its size, the stage) */
  wish: number;
  /** a camera may be paused on a link too thin for it; courseware (a screen) never is */
  pausable: boolean;
}

/** What the SFU measured of the link in the last second. */
export interface LinkSample {
  now: number;
  /** the transport's available outgoing bitrate (bit/s); undefined: no estimate (no TCC) */
  estimate: number | undefined;
  /** the worst fraction lost (0..1) the receiver reported of its video consumers */
  loss: number;
  /** the worst mediasoup score (0..10) of its video consumers */
  score: number;
  audioConsumers: number;
  videos: readonly VideoWant[];
}

export type ConsumerLayer = { spatialLayer: number; temporalLayer: number } | 'paused';

export type LinkReason = 'bandwidth' | 'loss';

export interface LinkDecision {
  /** the rung every video consumer is capped at; -1: cameras paused (voice first) */
  level: number;
  /** the highest rung any consumer wishes for */
  maxLevel: number;
  layers: ReadonlyMap<string, ConsumerLayer>;
  /** 0: no cap. Holds mediasoup's probing to one rung above the current one. */
  maxOutgoingBitrate: number;
  /** 0: none. The lowest rung's cost, so mediasoup never drops to no video layer. */
  minOutgoingBitrate: number;
  /** the link cannot carry even the lowest camera layer: the classroom is told */
  poor: boolean;
  /** why the last step down happened, while below what is wished */
  reason: LinkReason | null;
}

export interface LinkPolicyConfig {
  /** the estimate must exceed a rung's cost by this factor before it is tried */
  headroom: number;
  /** how long the estimate must hold above the next rung before stepping up */
  holdMs: number;
  /** …or this long when it holds above twice that (an open link starts fast) */
  quickHoldMs: number;
  /** a step down within this long of a step up counts as a failed step up */
  probationMs: number;
  /** wait after the first failed step up, doubled after each further one */
  backoffMs: number;
  maxBackoffMs: number;
  /** loss and score that make the link step down at once */
  lossDown: number;
  scoreDown: number;
  /** after a step down, loss still reported of the old layer is not counted again */
  settleMs: number;
  /** at the lowest rung and still not carried this long: cameras pause */
  pauseAfterMs: number;
  /** what one audio consumer costs on the wire (Opus + headers), reserved first */
  audioBitrate: number;
}

export const defaultLinkPolicy: LinkPolicyConfig = {
  headroom: 1.2,
  holdMs: 4000,
  quickHoldMs: 1500,
  probationMs: 8000,
  backoffMs: 10_000,
  maxBackoffMs: 160_000,
  lossDown: 0.06,
  scoreDown: 5,
  settleMs: 2500,
  pauseAfterMs: 3000,
  audioBitrate: 48_000,
};

/** The highest rung a consumer can reach: its wish, within the layers it has. */
function topOf(v: VideoWant): number {
  return Math.max(0, Math.min(v.wish, v.rates.length - 1));
}

function layerAt(v: VideoWant, level: number): number {
  return Math.min(Math.max(level, 0), topOf(v));
}

/** What the link carries at a rung: the audio first, then every video at its capped layer. */
export function costAt(level: number, sample: LinkSample, config: LinkPolicyConfig): number {
  let cost = sample.audioConsumers * config.audioBitrate;
  for (const v of sample.videos) {
    if (level < 0 && v.pausable) continue;
    cost += v.rates[layerAt(v, level)] ?? 0;
  }
  return cost;
}

/**
 * One link's policy. Steps down at once (loss, score, a falling estimate), up one rung at a
 * time after the estimate held above that rung's cost, and waits longer after each failed
 * step up (doubling to a bound). It never pauses cameras while the lowest layer is carried.
 */
export class LinkPolicy {
  readonly #config: LinkPolicyConfig;
  #level = 0;
  #heldSince: number | undefined;
  #upAt: number | undefined;
  #downAt = Number.NEGATIVE_INFINITY;
  #failures = 0;
  #backoffUntil = Number.NEGATIVE_INFINITY;
  #troubleSince: number | undefined;
  #reason: LinkReason | null = null;

  constructor(config: Partial<LinkPolicyConfig> = {}) {
    this.#config = { ...defaultLinkPolicy, ...config };
  }

  get level(): number {
    return this.#level;
  }

  /** failed step ups in a row (for the backoff), for tests and the benchmark */
  get failures(): number {
    return this.#failures;
  }

  decide(sample: LinkSample): LinkDecision {
    const c = this.#config;
    const maxLevel = sample.videos.reduce((m, v) => Math.max(m, topOf(v)), 0);
    if (sample.videos.length === 0) {
      this.#heldSince = undefined;
      return this.#decision(sample, maxLevel, { max: 0, min: 0 });
    }
    // A link the SFU cannot estimate (no transport-cc) is left to the tiles' wishes.
    if (sample.estimate === undefined) {
      this.#level = maxLevel;
      this.#reason = null;
      return this.#decision(sample, maxLevel, { max: 0, min: 0 });
    }
    this.#level = Math.min(this.#level, maxLevel);
    const estimate = sample.estimate;
    const fits = (level: number) => estimate >= costAt(level, sample, c);
    const settled = sample.now - this.#downAt >= c.settleMs;
    const lossy = settled && (sample.loss >= c.lossDown || sample.score <= c.scoreDown);

    if (this.#level >= 0 && (lossy || !fits(this.#level))) {
      const reason: LinkReason = lossy ? 'loss' : 'bandwidth';
      if (this.#level > 0) {
        // At once: to the highest rung the estimate carries, at least one down.
        let to = this.#level - 1;
        while (to > 0 && !fits(to)) to -= 1;
        this.#stepDown(to, sample.now, reason);
      } else {
        // The lowest rung: mediasoup's floor keeps it forwarded; pause only if it lasts.
        this.#troubleSince ??= sample.now;
        if (sample.now - this.#troubleSince >= c.pauseAfterMs) {
          this.#stepDown(-1, sample.now, reason);
        }
      }
    } else {
      if (this.#level === 0) this.#troubleSince = undefined;
      this.#maybeStepUp(sample, maxLevel, fits, lossy);
    }
    if (this.#level === maxLevel) this.#reason = null;
    return this.#decision(sample, maxLevel, this.#bounds(sample, maxLevel));
  }

  #stepDown(to: number, now: number, reason: LinkReason): void {
    const c = this.#config;
    // A failed step up, or cameras paused: the next try waits, longer each time.
    if ((this.#upAt !== undefined && now - this.#upAt < c.probationMs) || to < 0) {
      this.#failures += 1;
      const wait = Math.min(c.backoffMs * 2 ** (this.#failures - 1), c.maxBackoffMs);
      this.#backoffUntil = now + wait;
    }
    this.#level = to;
    this.#upAt = undefined;
    this.#downAt = now;
    this.#heldSince = undefined;
    this.#troubleSince = undefined;
    this.#reason = reason;
  }

  #maybeStepUp(
    sample: LinkSample,
    maxLevel: number,
    fits: (level: number) => boolean,
    lossy: boolean,
  ): void {
    const c = this.#config;
    const now = sample.now;
    // A step up that held through its probation was no failure: the count starts over.
    if (this.#upAt !== undefined && now - this.#upAt >= c.probationMs) {
      this.#failures = 0;
      this.#upAt = undefined;
    }
    // Paused cameras carry no loss to judge: only the wait counts.
    const blocked = lossy && this.#level >= 0;
    if (this.#level >= maxLevel || blocked || now < this.#backoffUntil) {
      this.#heldSince = undefined;
      return;
    }
    const next = this.#level + 1;
    if (this.#level < 0) {
      // Paused cameras send nothing to measure the link by: after the wait, try the lowest
      // layer again; failing, the next wait is longer.
      this.#stepUp(next, now);
      return;
    }
    const need = costAt(next, sample, c) * c.headroom;
    if (!fits(this.#level) || (sample.estimate ?? 0) < need) {
      this.#heldSince = undefined;
      return;
    }
    this.#heldSince ??= now;
    const hold = (sample.estimate ?? 0) >= 2 * need ? c.quickHoldMs : c.holdMs;
    if (now - this.#heldSince >= hold) this.#stepUp(next, now);
  }

  #stepUp(to: number, now: number): void {
    this.#level = to;
    this.#upAt = now;
    this.#heldSince = undefined;
    this.#troubleSince = undefined;
  }

  /**
   * mediasoup probes towards its consumers' highest layer whatever the preferred one: the
   * cap lets it probe one rung up (to prove it fits) and no further; during a backoff, or
   * at the top, only the current rung with headroom. The floor is the lowest rung.
   */
  #bounds(sample: LinkSample, maxLevel: number): { max: number; min: number } {
    const c = this.#config;
    const probing = this.#level < maxLevel && sample.now >= this.#backoffUntil;
    const rung = probing ? this.#level + 1 : Math.max(this.#level, 0);
    const max = Math.round(costAt(rung, sample, c) * c.headroom * (probing ? 1.15 : 1));
    const min = this.#level >= 0 ? costAt(0, sample, c) : 0;
    return { max: Math.max(max, min, 100_000), min };
  }

  #decision(
    sample: LinkSample,
    maxLevel: number,
    bounds: { max: number; min: number },
  ): LinkDecision {
    const layers = new Map<string, ConsumerLayer>();
    for (const v of sample.videos) {
      layers.set(
        v.id,
        this.#level < 0 && v.pausable
          ? 'paused'
          : { spatialLayer: layerAt(v, this.#level), temporalLayer: 2 },
      );
    }
    return {
      level: this.#level,
      maxLevel,
      layers,
      maxOutgoingBitrate: bounds.max,
      minOutgoingBitrate: bounds.min,
      poor: this.#level < 0,
      reason: this.#level < maxLevel ? this.#reason : null,
    };
  }
}
