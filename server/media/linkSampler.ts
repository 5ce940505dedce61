// Feeds one participant's downlink to its LinkPolicy (server/live/layers/linkPolicy.ts)
// once a second and applies the answer with mediasoup's own knobs: preferred layers and
// pause per video consumer, the transport's max and min outgoing bitrate. One transport
// stats request plus one per video consumer (at most four) per second: bounded, nothing
// per packet.
import type { types } from 'mediasoup';
import { classroomCameraEncodings, teacherCameraEncodings } from '../../shared/signaling/events';
import {
  LinkPolicy,
  type LinkDecision,
  type LinkPolicyConfig,
  type LinkReason,
  type VideoWant,
} from '../live/layers/linkPolicy';
import type { ConsumerTrack } from './tracks';

/** What the policy made of the link, as the receiving screen is told it. */
export interface LinkState {
  poor: boolean;
  reason: LinkReason | null;
  /** the layer cap; -1: cameras paused */
  level: number;
  maxLevel: number;
  /** bit/s, as mediasoup estimated it; null: no estimate */
  estimateBps: number | null;
}

export interface LinkSamplerOptions {
  intervalMs?: number;
  policy?: Partial<LinkPolicyConfig>;
  now?: () => number;
}

/** What a single-stream video (a screen, the blackboard) is counted at before it is measured. */
const SINGLE_STREAM_BPS = 300_000;
/** Consumers whose receiver reports are read each second (the rest count by their score). */
const LOSS_READS = 4;

/** The bit rate of each simulcast layer, from the encodings our clients send. */
export function layerRates(consumer: types.Consumer): number[] {
  const mode = consumer.rtpParameters.encodings?.[0]?.scalabilityMode ?? '';
  const layers = Number(/^[LS](\d)/.exec(mode)?.[1] ?? 1);
  if (consumer.type !== 'simulcast' && consumer.type !== 'svc') return [SINGLE_STREAM_BPS];
  const table = layers >= 3 ? teacherCameraEncodings : classroomCameraEncodings;
  return table.slice(0, layers).map((e) => e.maxBitrate);
}

export interface LinkPeer {
  recvTransport(): types.WebRtcTransport | undefined;
  receiving(): ConsumerTrack[];
}

export class LinkSampler {
  readonly #peer: LinkPeer;
  readonly #policy: LinkPolicy;
  readonly #now: () => number;
  readonly #listeners = new Set<(state: LinkState) => void>();
  readonly #timer: NodeJS.Timeout;
  #state: LinkState | undefined;
  #bounds = { transportId: '', max: -1, min: -1 };
  #busy = false;
  #closed = false;
  #last: LinkDecision | undefined;
  /** this participant's share of its school's downlink budget (kbit/s); undefined: none */
  #capKbps: number | undefined;

  constructor(peer: LinkPeer, options: LinkSamplerOptions = {}) {
    this.#peer = peer;
    this.#policy = new LinkPolicy(options.policy);
    this.#now = options.now ?? Date.now;
    this.#timer = setInterval(() => void this.tick(), options.intervalMs ?? 1000);
    this.#timer.unref();
  }

  get state(): LinkState | undefined {
    return this.#state;
  }

  /** A new budget is applied at once (not at the next second's sample). */
  setCap(kbps: number | undefined): void {
    if (kbps === this.#capKbps) return;
    this.#capKbps = kbps;
    void this.tick();
  }

  get capKbps(): number | undefined {
    return this.#capKbps;
  }

  onChange(listener: (state: LinkState) => void): void {
    this.#listeners.add(listener);
  }

  /** A new consumer starts at the link's current layer, not at mediasoup's first guess. */
  async capNew(track: ConsumerTrack): Promise<void> {
    if (track.kind !== 'video') {
      // The voice first wherever mediasoup shares a link's bitrate out by priority.
      await track.consumer.setPriority(255).catch(() => undefined);
      return;
    }
    const level = this.#last?.level ?? this.#policy.level;
    if (level >= 0) await track.capByLink({ spatialLayer: level, temporalLayer: 2 });
    // Courseware before a camera when the link has to choose.
    if (track.source === 'screen' || track.source === 'blackboard') {
      await track.consumer.setPriority(128).catch(() => undefined);
    }
  }

  async tick(): Promise<void> {
    if (this.#busy || this.#closed) return;
    this.#busy = true;
    try {
      await this.#sample();
    } catch {
      // A transport or consumer that closed meanwhile: the next tick sees the new set.
    } finally {
      this.#busy = false;
    }
  }

  async #sample(): Promise<void> {
    const transport = this.#peer.recvTransport();
    if (!transport || transport.closed) return;
    const [stats] = await transport.getStats();
    const tracks = this.#peer.receiving().filter((t) => !t.closed);
    // Hidden tiles (paused by the room) take nothing from the link.
    const videos = tracks.filter((t) => t.kind === 'video' && !t.roomPaused);
    const audio = tracks.filter((t) => t.kind === 'audio' && !t.roomPaused).length;
    let loss = 0;
    let score = 10;
    let rttMs: number | undefined;
    // The voice's own losses count too: a probe that costs the voice packets ends.
    for (const t of tracks.filter((a) => a.kind === 'audio' && !a.roomPaused).slice(0, 2)) {
      for (const s of await t.consumer.getStats()) {
        if (s.type === 'outbound-rtp') loss = Math.max(loss, s.fractionLost / 256);
      }
    }
    const wants: VideoWant[] = [];
    for (const [i, t] of videos.entries()) {
      if (!t.linkPaused) {
        score = Math.min(score, t.consumer.score.score);
        if (i < LOSS_READS) {
          for (const s of await t.consumer.getStats()) {
            if (s.type !== 'outbound-rtp') continue;
            loss = Math.max(loss, s.fractionLost / 256);
            if (s.roundTripTime) rttMs = Math.max(rttMs ?? 0, s.roundTripTime);
          }
        }
      }
      wants.push({
        id: t.id,
        rates: layerRates(t.consumer),
        wish: t.type === 'simulcast' || t.type === 'svc' ? t.wish : 0,
        pausable: t.source === 'camera',
      });
    }
    const estimate = stats?.availableOutgoingBitrate;
    const decision = this.#policy.decide({
      now: this.#now(),
      estimate,
      loss,
      score,
      ...(rttMs === undefined ? {} : { rttMs }),
      audioConsumers: audio,
      videos: wants,
      ...(this.#capKbps === undefined ? {} : { capKbps: this.#capKbps }),
    });
    this.#last = decision;
    await this.#applyBounds(transport, decision);
    for (const t of videos) await t.capByLink(decision.layers.get(t.id));
    this.#tell({
      poor: decision.poor,
      reason: decision.reason,
      level: decision.level,
      maxLevel: decision.maxLevel,
      estimateBps: estimate ?? null,
    });
  }

  /** mediasoup refuses a max below the min in force: whichever loosens goes first. */
  async #applyBounds(transport: types.WebRtcTransport, d: LinkDecision): Promise<void> {
    const { max, min } = { max: d.maxOutgoingBitrate, min: d.minOutgoingBitrate };
    const same = this.#bounds.transportId === transport.id;
    if (same && max === this.#bounds.max && min === this.#bounds.min) return;
    const raiseMaxFirst = max === 0 || !same || max >= this.#bounds.min;
    if (raiseMaxFirst) {
      await transport.setMaxOutgoingBitrate(max);
      await transport.setMinOutgoingBitrate(min);
    } else {
      await transport.setMinOutgoingBitrate(min);
      await transport.setMaxOutgoingBitrate(max);
    }
    this.#bounds = { transportId: transport.id, max, min };
  }

  #tell(state: LinkState): void {
    const old = this.#state;
    this.#state = state;
    const changed =
      !old ||
      old.poor !== state.poor ||
      old.reason !== state.reason ||
      old.level !== state.level ||
      old.maxLevel !== state.maxLevel;
    if (changed) for (const l of this.#listeners) l(state);
  }

  close(): void {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#listeners.clear();
  }
}
