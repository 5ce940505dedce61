// What this browser decoded of the video it receives, told to the server every ~2 s: the
// server sees what it forwards, only the browser sees whether the picture came out of the
// decoder. Attendance grades a classroom that never showed the teacher as such. No DOM.
import type { RequestPayload } from '../../shared/signaling/events';

export type DecodeCounts = RequestPayload<'receiveReport'>['consumers'];

/** A received video track, by the consumer it belongs to. */
export interface ReceivedTrack {
  consumerId: string;
  trackId: string;
}

/**
 * The decoded-frame (and, in Chromium, freeze) counters of the tracks, read from a receive
 * transport's stats (an RTCStatsReport's values). Streams of no listed track, such as the
 * SFU's bandwidth probe, are left out.
 */
export function decodeCounts(
  stats: Iterable<unknown>,
  tracks: readonly ReceivedTrack[],
): DecodeCounts {
  const byTrack = new Map(tracks.map((t) => [t.trackId, t.consumerId]));
  const counts: DecodeCounts = [];
  for (const s of stats) {
    const stat = s as Record<string, unknown>;
    if (stat.type !== 'inbound-rtp' || stat.kind !== 'video') continue;
    const consumerId = byTrack.get(stat.trackIdentifier as string);
    const frames = stat.framesDecoded;
    if (!consumerId || typeof frames !== 'number' || !(frames >= 0)) continue;
    const freezes = stat.freezeCount;
    counts.push({
      consumerId,
      framesDecoded: Math.floor(frames),
      ...(typeof freezes === 'number' && freezes >= 0 ? { freezeCount: Math.floor(freezes) } : {}),
    });
    if (counts.length >= 32) break; // the schema's limit
  }
  return counts;
}

export interface ReceiveReporterDeps {
  everyMs: number;
  setTimer: (fn: () => void, ms: number) => unknown;
  /** the receive transport's stats now; undefined while there is none */
  stats(): Promise<Iterable<unknown> | undefined>;
  tracks(): ReceivedTrack[];
  send(counts: DecodeCounts): Promise<unknown>;
}

/** Reports on a timer until stopped; one report at a time, failures left for the next. */
export class ReceiveReporter {
  readonly #deps: ReceiveReporterDeps;
  #running = false;

  constructor(deps: ReceiveReporterDeps) {
    this.#deps = deps;
  }

  start(): void {
    if (this.#running || this.#deps.everyMs <= 0) return;
    this.#running = true;
    const tick = () => {
      if (!this.#running) return;
      void this.report()
        .catch(() => undefined)
        .finally(() => this.#running && this.#deps.setTimer(tick, this.#deps.everyMs));
    };
    this.#deps.setTimer(tick, this.#deps.everyMs);
  }

  stop(): void {
    this.#running = false;
  }

  async report(): Promise<void> {
    const tracks = this.#deps.tracks();
    if (tracks.length === 0) return;
    const stats = await this.#deps.stats();
    if (!stats) return;
    const counts = decodeCounts(stats, tracks);
    if (counts.length > 0) await this.#deps.send(counts);
  }
}
