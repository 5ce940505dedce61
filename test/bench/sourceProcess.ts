// Child process: the synthetic publisher(s) and the latency probe.
//
// Each "set" is one teacher's stream set (streamSet.ts) sent as plain RTP from its own UDP
// socket to a PlainTransport producer (comedia). Video frames are split into packets of at
// most 1,100 bytes, each frame's size being bitrate / fps; key frames are sent at start, on
// every PLI/FIR the worker sends back, and every 10 s. RTCP sender reports go out every
// second per stream (mediasoup needs them to switch simulcast layers).
//
// The probe: one set may mirror each of its audio packets to a "direct" socket in this
// process, and the main process connects one receiving PlainTransport to the "relay"
// socket here. Audio keeps its RTP timestamp through mediasoup (a SimpleConsumer rewrites
// SSRC and sequence number only), so each audio packet is matched on both paths and
//   added latency = (relay arrival − send to worker) − (direct arrival − direct send)
// all read from this process's monotonic clock: the worker's share of the time, with the
// kernel's loopback and this process's event loop cancelled out.
import { createSocket, type Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { serve } from './child';
import { isRtcp, keyFrameRequests, opusPacket, senderReport, vp8Packet } from './rtp';
import type { ProducerSpec, StreamSpec } from './streamSet';

const MAX_PAYLOAD = 1100;

interface StreamState {
  spec: StreamSpec;
  seq: number;
  timestamp: number;
  nextAt: number;
  pictureId: number;
  tl0: number;
  keyFrameWanted: boolean;
  lastKeyFrameAt: number;
  packets: number;
  octets: number;
}

interface SetState {
  id: number;
  socket: Socket;
  port: number;
  active: boolean;
  probe: boolean;
  streams: StreamState[];
}

const sets = new Map<number, SetState>();
let nextSetId = 1;
let sentPackets = 0;
let sentBytes = 0;

// Probe state: audio RTP timestamp → times (ms, performance.now()).
const probe = {
  audioPt: -1,
  relay: undefined as Socket | undefined,
  direct: undefined as Socket | undefined,
  directPort: 0,
  sentToWorker: new Map<number, number>(),
  sentDirect: new Map<number, number>(),
  arrivedDirect: new Map<number, number>(),
  arrivedRelay: new Map<number, number>(),
  recording: false,
};

function bind(socket: Socket): Promise<number> {
  return new Promise((resolve) =>
    socket.bind(0, '127.0.0.1', () => resolve(socket.address().port)),
  );
}

function random32(): number {
  return Math.floor(Math.random() * 0xffff_ffff);
}

function sendFrame(set: SetState, s: StreamState, now: number): void {
  const spec = s.spec;
  const send = (packet: Buffer) => {
    set.socket.send(packet, set.port, '127.0.0.1');
    s.packets += 1;
    s.octets += packet.length - 12;
    sentPackets += 1;
    sentBytes += packet.length;
  };
  if (spec.kind === 'audio') {
    const size = Math.round(spec.bitrate / 8 / spec.rate);
    const header = {
      payloadType: spec.payloadType,
      marker: false,
      sequenceNumber: s.seq++,
      timestamp: s.timestamp,
      ssrc: spec.ssrc,
    };
    const packet = opusPacket(header, size + 12);
    send(packet);
    if (set.probe && probe.recording) {
      probe.sentToWorker.set(s.timestamp, performance.now());
      probe.direct?.send(packet, probe.directPort, '127.0.0.1');
      probe.sentDirect.set(s.timestamp, performance.now());
    }
    s.timestamp = (s.timestamp + 48000 / spec.rate) >>> 0;
    return;
  }
  const key = s.keyFrameWanted || now - s.lastKeyFrameAt > 10_000;
  if (key) {
    s.keyFrameWanted = false;
    s.lastKeyFrameAt = now;
    s.tl0 = (s.tl0 + 1) & 0xff;
  }
  const frameBytes = Math.max(200, Math.round((spec.bitrate / 8 / spec.rate) * (key ? 3 : 1)));
  const count = Math.ceil(frameBytes / MAX_PAYLOAD);
  const each = Math.ceil(frameBytes / count);
  for (let i = 0; i < count; i++) {
    send(
      vp8Packet({
        header: {
          payloadType: spec.payloadType,
          marker: i === count - 1,
          sequenceNumber: s.seq++,
          timestamp: s.timestamp,
          ssrc: spec.ssrc,
        },
        size: each + 12,
        firstOfFrame: i === 0,
        keyFrame: key,
        pictureId: s.pictureId,
        tl0PicIdx: s.tl0,
        width: spec.width,
        height: spec.height,
      }),
    );
  }
  s.pictureId = (s.pictureId + 1) & 0x7fff;
  if (!key) s.tl0 = (s.tl0 + 1) & 0xff;
  s.timestamp = (s.timestamp + Math.round(90000 / spec.rate)) >>> 0;
}

function tick(): void {
  const now = performance.now();
  for (const set of sets.values()) {
    if (!set.active) continue;
    for (const s of set.streams) {
      // After a stall (a busy machine), resume at the current time instead of bursting.
      if (now - s.nextAt > 200) s.nextAt = now;
      while (now >= s.nextAt) {
        sendFrame(set, s, now);
        s.nextAt += 1000 / s.spec.rate;
      }
    }
  }
}

function sendReports(): void {
  const nowMs = Date.now();
  for (const set of sets.values()) {
    if (!set.active) continue;
    for (const s of set.streams) {
      set.socket.send(
        senderReport({
          ssrc: s.spec.ssrc,
          ntpMs: nowMs,
          rtpTimestamp: s.timestamp,
          packetCount: s.packets,
          octetCount: s.octets,
        }),
        set.port,
        '127.0.0.1',
      );
    }
  }
}

const ticker = setInterval(tick, 4);
const reporter = setInterval(sendReports, 1000);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const handlers = {
  /** A teacher's stream set towards a producer PlainTransport at `port` (inactive at first). */
  async addSet(args: { producers: ProducerSpec[]; port: number; probe?: boolean }) {
    const socket = createSocket('udp4');
    await bind(socket);
    const set: SetState = {
      id: nextSetId++,
      socket,
      port: args.port,
      active: false,
      probe: args.probe ?? false,
      streams: args.producers.flatMap((p) =>
        p.streams.map((spec) => ({
          spec,
          seq: Math.floor(Math.random() * 65536),
          timestamp: random32(),
          nextAt: 0,
          pictureId: Math.floor(Math.random() * 0x7fff),
          tl0: 0,
          keyFrameWanted: true,
          lastKeyFrameAt: 0,
          packets: 0,
          octets: 0,
        })),
      ),
    };
    socket.on('message', (packet) => {
      if (!isRtcp(packet)) return;
      for (const ssrc of keyFrameRequests(packet)) {
        const s = set.streams.find((x) => x.spec.ssrc === ssrc);
        if (s) s.keyFrameWanted = true;
      }
    });
    sets.set(set.id, set);
    return set.id;
  },

  setActive(args: { ids: number[]; active: boolean }) {
    const now = performance.now();
    for (const id of args.ids) {
      const set = sets.get(id);
      if (!set) continue;
      set.active = args.active;
      for (const s of set.streams) {
        s.nextAt = now;
        s.keyFrameWanted = true;
      }
    }
    return true;
  },

  removeSet(args: { id: number }) {
    const set = sets.get(args.id);
    sets.delete(args.id);
    set?.socket.close();
    return true;
  },

  /** Opens the probe's relay and direct sockets; returns the relay port to connect to. */
  async openProbe(args: { audioPt: number }) {
    probe.audioPt = args.audioPt;
    if (!probe.relay) {
      probe.relay = createSocket('udp4');
      probe.direct = createSocket('udp4');
      const relayPort = await bind(probe.relay);
      probe.directPort = await bind(probe.direct);
      probe.relay.on('message', (packet) => {
        const t = performance.now();
        if (!probe.recording || isRtcp(packet) || (packet[1]! & 0x7f) !== probe.audioPt) return;
        probe.arrivedRelay.set(packet.readUInt32BE(4), t);
      });
      probe.direct.on('message', (packet) => {
        const t = performance.now();
        if (!probe.recording) return;
        probe.arrivedDirect.set(packet.readUInt32BE(4), t);
      });
      return relayPort;
    }
    return probe.relay.address().port;
  },

  /** Which probe set mirrors its audio (the active system's). */
  setProbe(args: { id: number; audioPt: number }) {
    for (const set of sets.values()) set.probe = set.id === args.id;
    probe.audioPt = args.audioPt;
    return true;
  },

  startLatency() {
    for (const m of [probe.sentToWorker, probe.sentDirect, probe.arrivedDirect, probe.arrivedRelay])
      m.clear();
    probe.recording = true;
    return true;
  },

  /** Latency of the probe's audio packets since startLatency, in microseconds. */
  stopLatency() {
    probe.recording = false;
    const relay: number[] = [];
    const direct: number[] = [];
    const added: number[] = [];
    for (const [ts, sent] of probe.sentToWorker) {
      const arrived = probe.arrivedRelay.get(ts);
      const sentDirect = probe.sentDirect.get(ts);
      const arrivedDirect = probe.arrivedDirect.get(ts);
      if (arrived === undefined || sentDirect === undefined || arrivedDirect === undefined)
        continue;
      relay.push((arrived - sent) * 1000);
      direct.push((arrivedDirect - sentDirect) * 1000);
      added.push((arrived - sent - (arrivedDirect - sentDirect)) * 1000);
    }
    for (const a of [relay, direct, added]) a.sort((x, y) => x - y);
    const round = (x: number) => Math.round(x);
    return {
      samples: added.length,
      relayP50Us: round(percentile(relay, 50)),
      relayP99Us: round(percentile(relay, 99)),
      directP50Us: round(percentile(direct, 50)),
      directP99Us: round(percentile(direct, 99)),
      addedP50Us: round(percentile(added, 50)),
      addedP99Us: round(percentile(added, 99)),
    };
  },

  counters() {
    return { sentPackets, sentBytes };
  },
};

export type SourceHandlers = typeof handlers;

serve(handlers, () => {
  clearInterval(ticker);
  clearInterval(reporter);
  for (const set of sets.values()) set.socket.close();
  probe.relay?.close();
  probe.direct?.close();
});
