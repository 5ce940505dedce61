// Child process (it loads wrtc, so it ends with process.exit), run inside a ThinLink's
// namespace: a member classroom that joins through the real LiveRoomClient, publishes its
// microphone, and measures what it receives of the teacher, as the classroom's people
// would notice it: time to the first picture, seconds without a new frame, layer changes,
// audio concealment and delay, and the server's "网络较差" notices.
import wrtc from '@roamhq/wrtc';
import { performance } from 'node:perf_hooks';
import type { ReceptionNotice } from '../../shared/signaling/reception';
import { serve } from '../bench/child';
import { livePeer, type LivePeer } from './livePeer';

/** A gap between two decoded frames longer than this is a freeze people see. */
const FREEZE_MS = 500;

let peer: LivePeer | undefined;
let t0 = 0;
let firstFrameMs: number | null = null;
let lastFrameAt: number | undefined;
let lastWidth = 0;
let audioTimer: NodeJS.Timeout | undefined;
const notices: (ReceptionNotice & { atMs: number })[] = [];

interface Audio {
  concealed: number;
  total: number;
  delay: number;
  emitted: number;
}
/** the window's counters since the last mark */
let win = newWindow();
let audioAtMark: Audio | undefined;
let audioNow: Audio | undefined;

function newWindow() {
  return {
    startedAt: performance.now(),
    frames: 0,
    frozenMs: 0,
    longestGapMs: 0,
    switches: 0,
    widths: {} as Record<number, number>,
    /** the audio delay (jitter buffer) of each second, ms */
    audioDelays: [] as number[],
    worstConcealedPct: 0,
    /** % of audio concealed, second by second */
    concealedBySecond: [] as number[],
  };
}

function onFrame(width: number) {
  const now = performance.now();
  firstFrameMs ??= now - t0;
  if (lastFrameAt !== undefined) {
    const gap = now - lastFrameAt;
    if (gap > FREEZE_MS) win.frozenMs += gap;
    win.longestGapMs = Math.max(win.longestGapMs, gap);
  }
  if (lastWidth !== 0 && width !== lastWidth) win.switches += 1;
  lastWidth = width;
  lastFrameAt = now;
  win.frames += 1;
  win.widths[width] = (win.widths[width] ?? 0) + 1;
}

async function readAudio(): Promise<Audio | undefined> {
  for (const s of (await peer?.client.receiveStats()) ?? []) {
    const r = s as Record<string, number | string>;
    if (r.type !== 'inbound-rtp' || r.kind !== 'audio') continue;
    return {
      concealed: Number(r.concealedSamples ?? 0),
      total: Number(r.totalSamplesReceived ?? 0),
      delay: Number(r.jitterBufferDelay ?? 0),
      emitted: Number(r.jitterBufferEmittedCount ?? 0),
    };
  }
  return undefined;
}

const handlers = {
  async join(args: {
    url: string;
    roomId: string;
    roomCode: string;
    teacherId: string;
    mic?: boolean;
  }) {
    t0 = performance.now();
    peer = await livePeer(
      args.url,
      {
        roomId: args.roomId,
        roomCode: args.roomCode,
        displayName: '山区教学点',
        role: 'classroom',
      },
      { mic: args.mic ?? true },
    );
    peer.client.on('reception', (n) => notices.push({ ...n, atMs: performance.now() - t0 }));
    const camera = await peer.waitForTrack(args.teacherId, 'camera', 30_000);
    const sink = new wrtc.nonstandard.RTCVideoSink(camera.remote.track as never);
    sink.onframe = (e: { frame: { width: number } }) => onFrame(e.frame.width);
    let previous: Audio | undefined;
    audioTimer = setInterval(() => {
      void readAudio().then((a) => {
        if (!a) return;
        audioAtMark ??= a;
        audioNow = a;
        if (previous && a.emitted > previous.emitted) {
          win.audioDelays.push(
            ((a.delay - previous.delay) / (a.emitted - previous.emitted)) * 1000,
          );
          const total = a.total - previous.total;
          if (total > 0) {
            const pct = ((a.concealed - previous.concealed) / total) * 100;
            win.worstConcealedPct = Math.max(win.worstConcealedPct, pct);
            win.concealedBySecond.push(Math.round(pct * 10) / 10);
          }
        }
        previous = a;
      });
    }, 1000);
    return peer.client.session!.peerId;
  },

  /** Starts a new measuring window (after the link changed). */
  mark() {
    win = newWindow();
    audioAtMark = audioNow;
    return null;
  },

  /** What the window saw so far. */
  figures() {
    const now = performance.now();
    const ongoing = lastFrameAt !== undefined && now - lastFrameAt > FREEZE_MS;
    const a = audioNow;
    const m = audioAtMark;
    const total = a && m ? a.total - m.total : 0;
    return {
      seconds: (now - win.startedAt) / 1000,
      firstFrameMs,
      frames: win.frames,
      frozenMs: win.frozenMs + (ongoing ? now - lastFrameAt! : 0),
      longestGapMs: Math.max(win.longestGapMs, ongoing ? now - lastFrameAt! : 0),
      layerSwitches: win.switches,
      widths: win.widths,
      lastWidth,
      concealedPct: a && m && total > 0 ? ((a.concealed - m.concealed) / total) * 100 : null,
      worstConcealedPct: win.worstConcealedPct,
      audioDelayMs: win.audioDelays,
      concealedBySecond: win.concealedBySecond,
      notices,
    };
  },
};

export type ThinClassroomHandlers = typeof handlers;

serve(handlers, async () => {
  if (audioTimer) clearInterval(audioTimer);
  await peer?.stop();
});
