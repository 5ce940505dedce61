// The layers a participant's downlink can carry: a pure state machine fed, once a second,
// with what the SFU measured of that link (bandwidth estimate, receiver loss, consumer
// score). It answers which simulcast layer each video consumer gets, whether cameras are
// paused altogether, and the bounds the SFU's own bandwidth estimation must keep to.
// Issue #14: mediasoup alone probed a 600 kbit/s link for 720p every 11–16 s (4.5–10
// Mbit/s bursts) and, after each failed try, forwarded no layer at all for seconds.

import { capLevel, costAt, layerAt, topOf } from './linkCost';

export { capLevel, costAt } from './linkCost';

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
  /** the worst mediasoup score (0..10) of its video consumers (kept for the record: it follows loss, which is judged directly) */
  score: number;
  /** round-trip time to the receiver (ms, from its RTCP reports); undefined: none yet */
  rttMs?: number;
  audioConsumers: number;
  videos: readonly VideoWant[];
  /**
   * The downlink budget its school's coordinator set (kbit/s, this participant's share:
   * server/live/budget); undefined: none. A configured bound, not a measurement: the level
   * and the transport's max never exceed it, whatever the estimate.
   */
  capKbps?: number;
}

export type ConsumerLayer = { spatialLayer: number; temporalLayer: number } | 'paused';

/** 'cap': held below what is wished by the school's downlink budget, not by the link */
export type LinkReason = 'bandwidth' | 'loss' | 'delay' | 'cap';

export interface LinkDecision {
  /** the rung every video consumer is capped at; -1: cameras paused (voice first) */
  level: number;
  /** the highest rung any consumer wishes for */
  maxLevel: number;
  layers: ReadonlyMap<string, ConsumerLayer>;
  /** 0: no cap. Lets mediasoup probe one rung up only inside a probe window. */
  maxOutgoingBitrate: number;
  /** 0: none. The lowest rung's cost, so mediasoup never drops to no video layer. */
  minOutgoingBitrate: number;
  /** the link cannot carry even the lowest camera layer: the classroom is told */
  poor: boolean;
  /** why the last step down happened, while below what is wished */
  reason: LinkReason | null;
}

export interface LinkPolicyConfig {
  /** the estimate must exceed a rung's cost by this factor before it is taken */
  headroom: number;
  /** how long a probe for the next rung may go on without the estimate climbing */
  probeMs: number;
  /** how long the estimate must hold above the next rung within the probe */
  holdMs: number;
  /** a step down within this long of a step up counts as a failed step up */
  probationMs: number;
  /** wait after the first failed probe or step up, doubled after each further one */
  backoffMs: number;
  maxBackoffMs: number;
  /**
   * Loss above the link's steady loss (its lowest over the last `lossWindow` samples) that
   * steps down at once: congestion loss comes in bursts, a lossy radio link's is steady and
   * a lower layer would not lessen it (NACK repairs the video).
   */
  lossDown: number;
  lossWindow: number;
  /** mean loss, however steady, at which the lowest layer is no longer worth the voice's */
  lossPause: number;
  /** queueing delay (rtt above the lowest seen) that steps down at once, and ends a probe */
  delayDownMs: number;
  delayProbeMs: number;
  /** loss that ends a probe (any the probe causes is the voice's) */
  lossProbe: number;
  /** after a step down, loss still reported of the old layer is not counted again */
  settleMs: number;
  /** at the lowest rung and still not carried this long: cameras pause */
  pauseAfterMs: number;
  /** what one audio consumer costs on the wire (Opus + headers), reserved first */
  audioBitrate: number;
}

export const defaultLinkPolicy: LinkPolicyConfig = {
  headroom: 1.2,
  probeMs: 4000,
  holdMs: 1500,
  probationMs: 8000,
  backoffMs: 10_000,
  maxBackoffMs: 80_000,
  lossDown: 0.05,
  lossWindow: 10,
  lossPause: 0.25,
  delayDownMs: 150,
  delayProbeMs: 60,
  lossProbe: 0.02,
  settleMs: 2500,
  pauseAfterMs: 3000,
  audioBitrate: 48_000,
};

/**
 * One link's policy. Steps down at once (loss, queueing delay, a falling estimate);
 * steps up one rung at a time, only after a probe window in which the estimate held above
 * that rung's cost; waits longer after each failed probe or step up (doubling to a bound).
 * Outside a probe mediasoup may not probe above the current rung: its padding would fill
 * a thin link's queue and delay the voice. Cameras pause only when the lowest layer is not
 * carried.
 */
export class LinkPolicy {
  readonly #config: LinkPolicyConfig;
  #level = 0;
  /** the running probe for the next rung: until when, and since when the estimate held */
  #probe: { until: number; heldSince: number | undefined; best: number } | undefined;
  #upAt: number | undefined;
  #downAt = Number.NEGATIVE_INFINITY;
  #failures = 0;
  #backoffUntil = Number.NEGATIVE_INFINITY;
  #troubleSince: number | undefined;
  #reason: LinkReason | null = null;
  #minRtt = Number.POSITIVE_INFINITY;
  #failedAt = Number.NEGATIVE_INFINITY;
  readonly #losses: number[] = [];
  /** this sample's budget in bit/s; undefined: none */
  #capBps: number | undefined;

  constructor(config: Partial<LinkPolicyConfig> = {}) {
    this.#config = { ...defaultLinkPolicy, ...config };
  }

  get level(): number {
    return this.#level;
  }

  /** failed probes and step ups in a row (for the backoff), for tests and the benchmark */
  get failures(): number {
    return this.#failures;
  }

  /** whether mediasoup may probe for the next rung now */
  get probing(): boolean {
    return this.#probe !== undefined;
  }

  decide(sample: LinkSample): LinkDecision {
    const c = this.#config;
    const maxLevel = sample.videos.reduce((m, v) => Math.max(m, topOf(v)), 0);
    this.#capBps = sample.capKbps === undefined ? undefined : sample.capKbps * 1000;
    // The highest rung the budget allows (-1: not even the lowest camera layer).
    const top = this.#capBps === undefined ? maxLevel : capLevel(sample, maxLevel, this.#capBps, c);
    const uncapped = {
      max: this.#capBps === undefined ? 0 : this.#capped(this.#capBps, 0),
      min: 0,
    };
    if (sample.videos.length === 0) {
      this.#probe = undefined;
      return this.#decision(sample, maxLevel, uncapped);
    }
    // A link the SFU cannot estimate (no transport-cc) is left to the tiles' wishes.
    if (sample.estimate === undefined) {
      this.#level = top;
      this.#reason = top < maxLevel ? 'cap' : null;
      return this.#decision(sample, maxLevel, uncapped);
    }
    // A budget lowered (or a classroom more of its school live): down at once, no back-off
    // (the link did not fail); cameras pause at once when even the lowest layer is over it.
    if (this.#level > top) {
      this.#probe = undefined;
      this.#stepDown(top, sample.now, 'cap', false);
    }
    this.#level = Math.min(this.#level, maxLevel);
    const estimate = sample.estimate;
    const fits = (level: number) => estimate >= costAt(level, sample, c);
    if (sample.rttMs !== undefined) this.#minRtt = Math.min(this.#minRtt, sample.rttMs);
    const queueing = sample.rttMs === undefined ? 0 : sample.rttMs - this.#minRtt;
    const settled = sample.now - this.#downAt >= c.settleMs;
    this.#losses.push(sample.loss);
    if (this.#losses.length > c.lossWindow) this.#losses.shift();
    // Receiver reports count loss per ~1 s; at 180p's few packets a second one report says
    // little: the last two are averaged, and the link's steady loss is the window's median.
    const recent = this.#losses.slice(-2);
    const recentLoss = recent.reduce((a, x) => a + x, 0) / recent.length;
    const sorted = [...this.#losses].sort((a, b) => a - b);
    const steadyLoss = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
    const meanLoss = this.#losses.reduce((a, x) => a + x, 0) / this.#losses.length;
    const excessLoss = Math.max(0, recentLoss - steadyLoss);
    const lossy = excessLoss >= c.lossDown;
    const delayed = queueing >= c.delayDownMs;
    // Even steady loss this high, at the lowest layer, is no picture worth the voice's packets.
    const hopeless = this.#level === 0 && this.#losses.length >= 3 && meanLoss >= c.lossPause;
    const trouble = settled && (lossy || delayed || hopeless);

    if (this.#level >= 0 && (trouble || !fits(this.#level))) {
      const reason: LinkReason = !trouble ? 'bandwidth' : delayed ? 'delay' : 'loss';
      this.#endProbe(sample.now, true);
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
      // A probe that starts to queue (or lose) ends at once: the voice must not pay for it.
      const hurts = excessLoss >= c.lossProbe || queueing >= c.delayProbeMs;
      if (this.#probe && (lossy || hurts)) this.#endProbe(sample.now, true);
      else this.#maybeStepUp(sample, top, lossy);
    }
    if (this.#level === maxLevel) this.#reason = null;
    else if (this.#level === top) this.#reason = 'cap';
    // A budget lifted: what holds it low now is the climb, not the budget.
    else if (this.#reason === 'cap') this.#reason = null;
    return this.#decision(sample, maxLevel, this.#bounds(sample));
  }

  #backOff(now: number): void {
    const c = this.#config;
    this.#failures += 1;
    this.#failedAt = now;
    this.#backoffUntil = now + Math.min(c.backoffMs * 2 ** (this.#failures - 1), c.maxBackoffMs);
  }

  #endProbe(now: number, failed: boolean): void {
    if (!this.#probe) return;
    this.#probe = undefined;
    if (!failed) return;
    this.#backOff(now);
    // The link did not carry the next rung: it is held below what the screen asks for.
    this.#reason ??= 'bandwidth';
  }

  #stepDown(to: number, now: number, reason: LinkReason, linkFailed = true): void {
    const c = this.#config;
    // A failed step up, or cameras paused: the next try waits, longer each time.
    const failedUp = this.#upAt !== undefined && now - this.#upAt < c.probationMs;
    if (linkFailed && (failedUp || to < 0) && now >= this.#backoffUntil) this.#backOff(now);
    this.#level = to;
    this.#upAt = undefined;
    this.#downAt = now;
    this.#troubleSince = undefined;
    this.#reason = reason;
  }

  #maybeStepUp(sample: LinkSample, maxLevel: number, lossy: boolean): void {
    const c = this.#config;
    const now = sample.now;
    // A step up that held through its probation with no failure since: the count starts
    // over. After failures, no probe starts before the last step up has proved itself.
    if (this.#upAt !== undefined) {
      if (now - this.#upAt >= c.probationMs) {
        if (this.#failedAt < this.#upAt) this.#failures = 0;
        this.#upAt = undefined;
      } else if (this.#failures > 0 && !this.#probe) {
        return;
      }
    }
    if (this.#level >= maxLevel) {
      this.#probe = undefined;
      return;
    }
    // Paused cameras carry nothing to judge the link by: after the wait, the lowest layer
    // is tried again; failing, the next wait is longer.
    if (this.#level < 0) {
      if (now >= this.#backoffUntil) this.#stepUp(0, now);
      return;
    }
    if (!this.#probe) {
      if (lossy || now < this.#backoffUntil) return;
      this.#probe = { until: now + c.probeMs, heldSince: undefined, best: 0 };
    }
    const probe = this.#probe;
    // A probe lasts while the estimate still climbs (GCC ramps by some % a second from a
    // low start): it fails when it stalls below the next rung, or hurts.
    const estimateNow = sample.estimate ?? 0;
    if (estimateNow > probe.best * 1.03) {
      probe.best = estimateNow;
      probe.until = Math.max(probe.until, now + c.probeMs);
    }
    // Under a budget mediasoup's estimate stops at the transport's max (the budget): the
    // budget reached is enough, since the next rung's cost is within it.
    const need = Math.min(
      costAt(this.#level + 1, sample, c) * c.headroom,
      this.#capBps ?? Infinity,
    );
    if ((sample.estimate ?? 0) >= need) {
      probe.heldSince ??= now;
      if (now - probe.heldSince >= c.holdMs) {
        this.#probe = undefined;
        this.#stepUp(this.#level + 1, now);
        return;
      }
    } else {
      probe.heldSince = undefined;
    }
    if (now >= probe.until) this.#endProbe(now, true);
  }

  #stepUp(to: number, now: number): void {
    this.#level = to;
    this.#upAt = now;
    this.#troubleSince = undefined;
  }

  /**
   * mediasoup probes towards its consumers' highest layer whatever the preferred one (its
   * desired bitrate is the producer's top stream). The cap lets it probe one rung up inside
   * a probe window and no further; outside one, the current rung with headroom. The floor
   * is the lowest rung, so it never forwards no layer while that one is carried.
   */
  #bounds(sample: LinkSample): { max: number; min: number } {
    const c = this.#config;
    const rung = this.#probe ? this.#level + 1 : Math.max(this.#level, 0);
    const max = Math.round(costAt(rung, sample, c) * c.headroom * (this.#probe ? 1.15 : 1));
    const min = this.#level >= 0 ? costAt(0, sample, c) : 0;
    const bounded = Math.max(max, min, 100_000);
    return {
      max: this.#capBps === undefined ? bounded : this.#capped(this.#capBps, bounded, min),
      min,
    };
  }

  /**
   * The transport's max under a budget: never above it, never below what the voice and
   * the lowest rung in force need (mediasoup refuses a max below the min), nor below the
   * 30 kbit/s mediasoup accepts at all.
   */
  #capped(capBps: number, max: number, min = 0): number {
    return Math.max(Math.round(max === 0 ? capBps : Math.min(max, capBps)), min, 30_000);
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
