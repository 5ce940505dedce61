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
