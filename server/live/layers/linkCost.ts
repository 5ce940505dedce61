// What a downlink carries at each rung of the layer policy (./linkPolicy.ts): the voice
// first, then every video at its capped layer; and the highest rung a budget allows. Pure.
import type { LinkPolicyConfig, LinkSample, VideoWant } from './linkPolicy';

/** The highest rung a consumer can reach: its wish, within the layers it has. */
export function topOf(v: VideoWant): number {
  return Math.max(0, Math.min(v.wish, v.rates.length - 1));
}

export function layerAt(v: VideoWant, level: number): number {
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

/** The highest rung whose cost is within the budget; -1 when not even the lowest is. */
export function capLevel(
  sample: LinkSample,
  maxLevel: number,
  capBps: number,
  config: LinkPolicyConfig,
): number {
  for (let level = maxLevel; level >= 0; level -= 1) {
    if (costAt(level, sample, config) <= capBps) return level;
  }
  return -1;
}
