// Real WebRTC peers in Node: @roamhq/wrtc (prebuilt libwebrtc) behind mediasoup-client,
// publishing synthetic frames and counting the frames they decode.
import wrtc from '@roamhq/wrtc';

const { RTCVideoSource, RTCVideoSink, RTCAudioSource } = wrtc.nonstandard;

/** mediasoup-client looks for the browser globals; wrtc provides them. */
export function installWrtcGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  g.RTCPeerConnection ??= SafeRTCPeerConnection;
  g.MediaStream ??= wrtc.MediaStream;
  g.MediaStreamTrack ??= wrtc.MediaStreamTrack;
  g.RTCRtpSender ??= wrtc.RTCRtpSender;
  g.RTCRtpReceiver ??= wrtc.RTCRtpReceiver;
}

type WrtcPeerConnection = InstanceType<typeof wrtc.RTCPeerConnection>;

/**
 * wrtc's `RTCPeerConnection`, except that `localDescription` is the description this side
 * last set. wrtc's own getter serialises libwebrtc's live description on the JS thread
 * while the signalling thread may be adding ICE candidates to it: now and then a SIGSEGV
 * in `webrtc::SdpSerialize` (node-webrtc #696; seen here in a core dump, killing a vitest
 * fork when mediasoup-client read it right after `setLocalDescription` on a new
 * transport). mediasoup-client reads it only for what it set (mids, SSRCs, DTLS
 * fingerprint); candidates it never needs, the server being ICE-lite. wrtc defines its
 * accessors as non-configurable own properties, hence a Proxy, not a subclass.
 */
export const SafeRTCPeerConnection = new Proxy(wrtc.RTCPeerConnection, {
  construct(Native, args: [RTCConfiguration?], newTarget: typeof wrtc.RTCPeerConnection) {
    const pc = Reflect.construct(Native, args, newTarget) as WrtcPeerConnection;
    let local: RTCSessionDescriptionInit | null = null;
    const setLocalDescription = async (description?: RTCSessionDescriptionInit) => {
      await pc.setLocalDescription(description as never);
      // Without an argument libwebrtc made the description itself: nothing to copy.
      local = description?.sdp ? { type: description.type, sdp: description.sdp } : null;
    };
    return new Proxy(pc, {
      get(target, property) {
        if (property === 'setLocalDescription') return setLocalDescription;
        if (property === 'localDescription' && local)
          return new wrtc.RTCSessionDescription(local as never);
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
      set(target, property, value) {
        return Reflect.set(target, property, value, target);
      },
    });
  },
});

/** The handler mediasoup-client must use with wrtc (it cannot detect a browser). */
export const wrtcHandlerName = 'Chrome111' as const;

export interface SyntheticVideo {
  track: MediaStreamTrack;
  stop(): void;
}

/**
 * An I420 video source at width × height and fps. A bar moves across the picture so the
 * encoder has motion to code (a still picture would shrink to almost nothing).
 */
export function syntheticVideo(
  width: number,
  height: number,
  fps = 30,
  isScreencast = false,
): SyntheticVideo {
  const source = new RTCVideoSource({ isScreencast });
  const track = source.createTrack() as unknown as MediaStreamTrack;
  const data = new Uint8Array(width * height * 1.5);
  data.fill(128);
  let tick = 0;
  const timer = setInterval(() => {
    const bar = (tick * 8) % width;
    for (let y = 0; y < height; y += 1) {
      const row = y * width;
      data.fill(16, row, row + width);
      data.fill(235, row + bar, row + Math.min(width, bar + 32));
    }
    tick += 1;
    source.onFrame({ width, height, data });
  }, 1000 / fps);
  return {
    track,
    stop() {
      clearInterval(timer);
      track.stop();
    },
  };
}

/** A 440 Hz tone at 48 kHz, 10 ms chunks, as a browser microphone would deliver. */
export function syntheticAudio(): SyntheticVideo {
  const source = new RTCAudioSource();
  const track = source.createTrack() as unknown as MediaStreamTrack;
  const samples = new Int16Array(480);
  let phase = 0;
  const timer = setInterval(() => {
    for (let i = 0; i < samples.length; i++) {
      samples[i] = Math.round(Math.sin(phase) * 8000);
      phase += (2 * Math.PI * 440) / 48000;
    }
    source.onData({ samples, sampleRate: 48000 });
  }, 10);
  return {
    track,
    stop() {
      clearInterval(timer);
      track.stop();
    },
  };
}

export interface FrameCounter {
  readonly frames: number;
  readonly width: number;
  readonly height: number;
  /** Resolves once `count` more frames have arrived at the given size (any size if omitted). */
  waitFor(
    count: number,
    size?: { width: number; height: number },
    timeoutMs?: number,
  ): Promise<void>;
  stop(): void;
}

/** Counts the decoded frames of a received video track. */
export function countFrames(track: MediaStreamTrack): FrameCounter {
  const sink = new RTCVideoSink(track as never);
  let frames = 0;
  let width = 0;
  let height = 0;
  const waiters = new Set<() => void>();
  sink.onframe = (event: { frame: { width: number; height: number } }) => {
    frames += 1;
    width = event.frame.width;
    height = event.frame.height;
    for (const w of waiters) w();
  };
  return {
    get frames() {
      return frames;
    },
    get width() {
      return width;
    },
    get height() {
      return height;
    },
    waitFor(count, size, timeoutMs = 15_000) {
      let seen = 0;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `waited ${timeoutMs} ms for ${count} frames${size ? ` at ${size.width}x${size.height}` : ''}; ` +
                `got ${seen}, last ${width}x${height}, ${frames} in all`,
            ),
          );
        }, timeoutMs);
        const check = () => {
          if (!size || (width === size.width && height === size.height)) seen += 1;
          if (seen >= count) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
      });
    },
    stop() {
      sink.stop();
    },
  };
}

export interface AudioCounter {
  readonly chunks: number;
  /** Resolves once `count` more chunks whose peak is over the silence threshold arrived. */
  waitForSound(count: number, timeoutMs?: number): Promise<void>;
  stop(): void;
}

/** Counts received audio chunks that are not silence (so a muted/absent path shows as 0). */
export function countAudio(track: MediaStreamTrack): AudioCounter {
  const sink = new wrtc.nonstandard.RTCAudioSink(track as never);
  let chunks = 0;
  const waiters = new Set<() => void>();
  sink.ondata = (event: { samples: Int16Array }) => {
    let peak = 0;
    for (const s of event.samples) peak = Math.max(peak, Math.abs(s));
    if (peak > 500) {
      chunks += 1;
      for (const w of waiters) w();
    }
  };
  return {
    get chunks() {
      return chunks;
    },
    waitForSound(count, timeoutMs = 10_000) {
      const target = chunks + count;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`waited ${timeoutMs} ms for ${count} audible chunks; got ${chunks}`));
        }, timeoutMs);
        const check = () => {
          if (chunks >= target) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
      });
    },
    stop() {
      sink.stop();
    },
  };
}

/** Running sum of squared samples (full scale = 1): the energy of a stretch of sound. */
export interface EnergyMeter {
  /** where the sound is now; `since` of two marks gives the mean energy between them */
  mark(): { sum: number; samples: number };
  /** mean square from `from` to now (0 when nothing came) */
  since(from: { sum: number; samples: number }): number;
}

function energyMeter(): EnergyMeter & { add(samples: Int16Array): void } {
  let sum = 0;
  let count = 0;
  return {
    add(samples) {
      for (const s of samples) sum += (s / 32768) ** 2;
      count += samples.length;
    },
    mark: () => ({ sum, samples: count }),
    since: (from) => (count > from.samples ? (sum - from.sum) / (count - from.samples) : 0),
  };
}

/** An energy meter on a received audio track. */
export function meterAudio(track: MediaStreamTrack): EnergyMeter & { stop(): void } {
  const sink = new wrtc.nonstandard.RTCAudioSink(track as never);
  const meter = energyMeter();
  sink.ondata = (event: { samples: Int16Array }) => meter.add(event.samples);
  return { mark: meter.mark, since: meter.since, stop: () => sink.stop() };
}

/** A deterministic pseudo-random sequence in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Something that sounds, to an echo canceller and a noise suppressor, like a teacher
 * talking: syllables of 120–300 ms, each a gliding pitch of 110–260 Hz with ten harmonics
 * and a little breath noise under a rise-and-fall envelope, parted by short gaps and, now
 * and then, a pause. A steady tone would be too easy (an echo canceller locks onto it and
 * a noise suppressor takes it for noise). Metered as it is sent.
 */
export function speechLikeAudio(seed = 13): SyntheticVideo & { meter: EnergyMeter } {
  const source = new RTCAudioSource();
  const track = source.createTrack() as unknown as MediaStreamTrack;
  const meter = energyMeter();
  const rand = random(seed);
  const rate = 48000;
  const samples = new Int16Array(480);
  let phase = 0;
  // the current syllable (or gap, when voiced is false), in samples
  let left = 0;
  let length = 1;
  let voiced = false;
  let f0From = 0;
  let f0To = 0;
  let loudness = 0;
  let syllables = 0;
  const next = () => {
    if (voiced) {
      voiced = false;
      syllables += 1;
      // a breath between phrases every ~8 syllables
      length = Math.round(
        rate * (syllables % 8 === 0 ? 0.35 + rand() * 0.3 : 0.04 + rand() * 0.12),
      );
    } else {
      voiced = true;
      length = Math.round(rate * (0.12 + rand() * 0.18));
      f0From = 110 + rand() * 150;
      f0To = f0From * (0.8 + rand() * 0.4);
      loudness = 0.12 + rand() * 0.14;
    }
    left = length;
  };
  const timer = setInterval(() => {
    for (let i = 0; i < samples.length; i++) {
      if (left <= 0) next();
      const t = 1 - left / length;
      left -= 1;
      if (!voiced) {
        samples[i] = 0;
        continue;
      }
      const f0 = f0From + (f0To - f0From) * t;
      phase += (2 * Math.PI * f0) / rate;
      let v = 0;
      for (let k = 1; k <= 10; k++) v += Math.sin(k * phase) / k;
      v = v * 0.5 + (rand() - 0.5) * 0.1;
      samples[i] = Math.round(Math.sin(Math.PI * t) * loudness * v * 32767);
    }
    meter.add(samples);
    source.onData({ samples, sampleRate: rate });
  }, 10);
  return {
    track,
    meter,
    stop() {
      clearInterval(timer);
      track.stop();
    },
  };
}
