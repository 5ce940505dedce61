// `npm run bench:audio`: does Opus in-band FEC help a member classroom on a lossy link
// (issue #14)? The teacher's voice comes from `ffmpeg -re` with libopus (ffmpegVoice.ts:
// a real clock, unlike the wrtc peers' JS timer) into the live room; one classroom behind
// a ThinLink (network namespace, tbf, nftables loss) and one control classroom on the open
// link receive it (wrtc, useinbandfec=1 as the router's codec says). Per link profile and
// teacher encoder (FEC off; FEC on told 0, 5 or 10 % loss; and two with audio NACK forced
// on, which Tongke does not do), repeated:
// concealment and jitter-buffer delay during the profile, and the delay in the 10 s after
// the link is opened again. Writes bench/results/audio.json (AUDIO_OUT: elsewhere).
// AUDIO_SECONDS (20) sets the window, AUDIO_REPEATS (2), AUDIO_PROFILES and AUDIO_MODES
// (names, comma-separated: 'open', '10 % loss', 'fec off', 'fec on + loss 10') run a part.
import '../../server/media/workerBinary';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { networkWorld } from './networkWorld';
import { ffmpegVoice, type OpusEncoder } from './ffmpegVoice';
import { markdown, median, summarize } from './audioSummary';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import type { LinkProfile } from '../helpers/thinLink';
import { createRequire } from 'node:module';
import type { types } from 'mediasoup';

const profiles: LinkProfile[] = [
  { name: 'open' },
  { name: '5 % loss', lossPct: 5 },
  { name: '10 % loss', lossPct: 10 },
  { name: '600 kbit/s + 5 % loss', rateKbit: 600, lossPct: 5 },
];
const modes: (OpusEncoder & { name: string; audioNack?: boolean })[] = [
  { name: 'fec off', fec: false, packetLossPct: 0 },
  { name: 'fec on + loss 0', fec: true, packetLossPct: 0 },
  { name: 'fec on + loss 5', fec: true, packetLossPct: 5 },
  { name: 'fec on + loss 10', fec: true, packetLossPct: 10 },
  { name: 'fec on + loss 5 + 48k', fec: true, packetLossPct: 5, kbps: 48 },
  // Not what Tongke does (Chromium offers no nack for Opus, and mediasoup turns
  // retransmission off for audio consumers by default): what it would gain.
  { name: 'fec off + audio nack', fec: false, packetLossPct: 0, audioNack: true },
  { name: 'fec on + loss 10 + audio nack', fec: true, packetLossPct: 10, audioNack: true },
];

const seconds = Number(process.env.AUDIO_SECONDS ?? 20);
const repeats = Number(process.env.AUDIO_REPEATS ?? 2);
const SETTLE_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d;

interface Counters {
  concealed: number;
  total: number;
  delay: number;
  emitted: number;
}
async function audioCounters(peer: LivePeer): Promise<Counters> {
  for (const s of await peer.client.receiveStats()) {
    const r = s as Record<string, unknown>;
    if (r.type === 'inbound-rtp' && r.kind === 'audio') {
      return {
        concealed: Number(r.concealedSamples ?? 0),
        total: Number(r.totalSamplesReceived ?? 0),
        delay: Number(r.jitterBufferDelay ?? 0),
        emitted: Number(r.jitterBufferEmittedCount ?? 0),
      };
    }
  }
  return { concealed: 0, total: 0, delay: 0, emitted: 0 };
}
const concealedPct = (a: Counters, b: Counters) =>
  ((b.concealed - a.concealed) / Math.max(1, b.total - a.total)) * 100;
const delayMs = (a: Counters, b: Counters) =>
  b.emitted > a.emitted ? ((b.delay - a.delay) / (b.emitted - a.emitted)) * 1000 : null;

/**
 * While it is on, every consumer is made with retransmission on (enableRtx) and its
 * receiver taken to do NACK for Opus too (as if its browser had offered it).
 */
function audioNack(): () => void {
  // mediasoup's Transport (what WebRtcTransport extends) is not among its exports.
  const require = createRequire(import.meta.url);
  const file = require.resolve('mediasoup').replace(/index\.js$/, 'Transport.js');
  const { TransportImpl } = require(file) as { TransportImpl: { prototype: unknown } };
  const proto = TransportImpl.prototype as { consume(o: types.ConsumerOptions): unknown };
  const original = proto.consume;
  proto.consume = function (this: unknown, o: types.ConsumerOptions) {
    const codecs = o.rtpCapabilities.codecs?.map((c) =>
      c.mimeType.toLowerCase() === 'audio/opus'
        ? { ...c, rtcpFeedback: [...(c.rtcpFeedback ?? []), { type: 'nack', parameter: '' }] }
        : c,
    );
    return original.call(this, {
      ...o,
      enableRtx: true,
      rtpCapabilities: { ...o.rtpCapabilities, codecs },
    });
  };
  return () => void (proto.consume = original);
}

async function runOne(profile: LinkProfile, mode: OpusEncoder & { audioNack?: boolean }) {
  const restore = mode.audioNack ? audioNack() : () => undefined;
  const world = await networkWorld({
    policy: 'on',
    profile,
    teacherMic: false,
    classroomMic: false,
  });
  let control: LivePeer | undefined;
  const room = world.server.tongke.rooms.all[0]!;
  const voice = await ffmpegVoice(room, world.teacher.client.session!.peerId, mode);
  try {
    control = await livePeer(world.server.url, {
      roomId: room.id,
      roomCode: 'thinlink1',
      displayName: 'control',
      role: 'classroom',
    });
    const teacherId = world.teacher.client.session!.peerId;
    await control.waitForTrack(teacherId, 'mic');
    const camera = await control.waitForTrack(teacherId, 'camera');
    await control.client.setConsumerPrefs(camera.remote.consumerId, { visible: false });
    await sleep(SETTLE_MS);
    await world.classroom.call('mark');
    const load = loadavg()[0]!;
    const before = await audioCounters(control);
    await sleep(seconds * 1000);
    const during = await world.classroom.call('figures');
    const after = await audioCounters(control);
    // The link recovers: is the voice back on time within 10 s?
    world.link.shape({ name: 'open' });
    await world.classroom.call('mark');
    await sleep(10_000);
    const recovered = await world.classroom.call('figures');
    const controlAfter = await audioCounters(control);
    const delays = recovered.audioDelayMs;
    const firstOnTime = delays.findIndex((d, i) => delays.slice(i).every((x) => x < 100));
    return {
      concealedPct: round(during.concealedPct, 2),
      worstSecondConcealedPct: round(during.worstConcealedPct),
      controlConcealedPct: round(concealedPct(before, after), 2),
      audioDelayMedianMs: round(median(during.audioDelayMs), 0),
      audioDelayMaxMs: round(Math.max(...during.audioDelayMs), 0),
      controlAudioDelayMs: round(delayMs(before, after), 0),
      delayAfterRecoveryMs: delays.map((d) => Math.round(d)),
      controlDelayAfterRecoveryMs: round(delayMs(after, controlAfter), 0),
      /** seconds after the link opened until the delay stayed under 100 ms; null: never */
      onTimeAfterS: firstOnTime < 0 ? null : firstOnTime + 1,
      load: round(load, 1),
    };
  } finally {
    voice.stop();
    await control?.stop().catch(() => undefined);
    await world.close();
    restore();
  }
}

const onlyProfiles = process.env.AUDIO_PROFILES?.split(',');
const onlyModes = process.env.AUDIO_MODES?.split(',');
const runs = [];
for (let repeat = 0; repeat < repeats; repeat++) {
  for (const profile of profiles) {
    if (onlyProfiles && !onlyProfiles.includes(profile.name)) continue;
    for (const mode of modes) {
      if (onlyModes && !onlyModes.includes(mode.name)) continue;
      const r = {
        profile: profile.name,
        mode: mode.name,
        repeat,
        ...(await runOne(profile, mode)),
      };
      console.log(JSON.stringify(r));
      runs.push(r);
    }
  }
}

const summary = summarize(runs);
for (const s of summary) console.log(JSON.stringify(s));
await mkdir('bench/results', { recursive: true });
const out = process.env.AUDIO_OUT ?? 'bench/results/audio.json';
await writeFile(
  out,
  `${JSON.stringify({ at: new Date().toISOString(), seconds, repeats, summary, runs }, null, 2)}\n`,
);
await writeFile(out.replace(/\.json$/, '.md'), `${markdown(summary)}\n`);
console.log(`bench:audio: wrote ${out} and its .md`);
process.exit(0);
