// Child process: the member classrooms of the load. Each classroom is a UDP socket that a
// PlainTransport (SRTP on) sends to; it counts packets, bytes and sequence gaps from the
// RTP header, which SRTP leaves in the clear: no decryption, no decoding. On Tongke's side
// a classroom also holds a socket.io connection to /live that joined the room and answers
// `newConsumer`, as a real client does, so consumers go through Tongke's signaling path.
import { createSocket, type Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { serve } from './child';
import { extendSequence, isRtcp } from './rtp';

/** mediasoup's bandwidth-probation padding stream, not media. */
const PROBATION_SSRC = 1234;

interface StreamCount {
  count: number;
  bytes: number;
  highest: number;
  markCount: number;
  markBytes: number;
  markHighest: number;
}

interface Classroom {
  socket?: Socket;
  port: number;
  streams: Map<number, StreamCount>;
  signaling?: ClientSocket;
  peerId?: string;
}

const groups = new Map<string, Classroom[]>();
let markedAt = performance.now();

function onPacket(c: Classroom, packet: Buffer): void {
  if (packet.length < 12 || isRtcp(packet)) return;
  const ssrc = packet.readUInt32BE(8);
  if (ssrc === PROBATION_SSRC) return;
  const seq = packet.readUInt16BE(2);
  let s = c.streams.get(ssrc);
  if (!s) {
    s = { count: 0, bytes: 0, highest: -1, markCount: 0, markBytes: 0, markHighest: -1 };
    c.streams.set(ssrc, s);
  }
  const ext = extendSequence(s.highest, seq);
  // A stream first seen after the mark counts from its first packet.
  if (s.highest < 0) s.markHighest = ext - 1;
  if (ext > s.highest) s.highest = ext;
  s.count += 1;
  s.bytes += packet.length;
}

interface JoinArgs {
  url: string;
  roomId: string;
  roomCode: string;
  role?: 'classroom' | 'teacher';
}

async function joinRoom(
  join: JoinArgs,
  name: string,
): Promise<{ socket: ClientSocket; peerId: string }> {
  const socket = io(`${join.url}/live`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  // A classroom that is ready for every consumer it is offered.
  socket.on('newConsumer', (_c: unknown, ack: (r: unknown) => void) => ack({ ok: true, data: {} }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const reply = (await socket.timeout(30_000).emitWithAck('join', {
    roomId: join.roomId,
    roomCode: join.roomCode,
    displayName: name,
    role: join.role ?? 'classroom',
  })) as { ok: boolean; data?: { peerId: string }; error?: { message: string } };
  if (!reply.ok || !reply.data) throw new Error(`join failed: ${reply.error?.message}`);
  return { socket, peerId: reply.data.peerId };
}

const handlers = {
  /**
   * `count` classrooms in `group`: UDP sockets (unless sockets is false, when the media
   * goes elsewhere) and, with `join`, a socket.io session each.
   */
  async open(args: { group: string; count: number; join?: JoinArgs; sockets?: boolean }) {
    const list = groups.get(args.group) ?? [];
    groups.set(args.group, list);
    const opened: { port: number; peerId?: string }[] = [];
    const pending: Promise<void>[] = [];
    for (let i = 0; i < args.count; i++) {
      const c: Classroom = { port: 0, streams: new Map() };
      if (args.sockets !== false) {
        const socket = createSocket({ type: 'udp4', recvBufferSize: 1 << 20 });
        await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
        socket.on('message', (packet) => onPacket(c, packet));
        c.socket = socket;
        c.port = socket.address().port;
      }
      list.push(c);
      const entry: { port: number; peerId?: string } = { port: c.port };
      opened.push(entry);
      if (args.join) {
        const join = args.join;
        pending.push(
          joinRoom(join, `${args.group} classroom ${list.length}`).then(({ socket, peerId }) => {
            c.signaling = socket;
            c.peerId = peerId;
            entry.peerId = peerId;
          }),
        );
        // A few joins in flight at a time, as classrooms arriving at the bell.
        if (pending.length >= 8) await Promise.all(pending.splice(0));
      }
    }
    await Promise.all(pending);
    return opened;
  },

  /** Starts a measurement window for every group. */
  mark() {
    for (const list of groups.values()) {
      for (const c of list) {
        for (const s of c.streams.values()) {
          s.markCount = s.count;
          s.markBytes = s.bytes;
          s.markHighest = s.highest;
        }
      }
    }
    markedAt = performance.now();
    return true;
  },

  /** What the group's classrooms received since the mark. */
  report(args: { group: string }) {
    const seconds = (performance.now() - markedAt) / 1000;
    let packets = 0;
    let bytes = 0;
    let expected = 0;
    let worstLoss = 0;
    let receiving = 0;
    const list = groups.get(args.group) ?? [];
    for (const c of list) {
      let cExpected = 0;
      let cReceived = 0;
      for (const s of c.streams.values()) {
        const got = s.count - s.markCount;
        packets += got;
        bytes += s.bytes - s.markBytes;
        cExpected += Math.max(0, s.highest - s.markHighest);
        cReceived += got;
      }
      expected += cExpected;
      if (cReceived > 0) receiving += 1;
      if (cExpected > 0)
        worstLoss = Math.max(worstLoss, Math.max(0, cExpected - cReceived) / cExpected);
    }
    return {
      classrooms: list.length,
      receiving,
      seconds,
      packets,
      bytes,
      expected,
      lossFraction: expected > 0 ? Math.max(0, expected - packets) / expected : 0,
      worstLoss,
    };
  },

  /**
   * Signaling load: `clients` socket.io clients, each in a loop for `durationMs`: connect,
   * join one of `rooms` code rooms as a classroom, leave, disconnect. Returns each step's
   * round-trip times (ms).
   */
  async churn(args: { url: string; clients: number; rooms: number; durationMs: number }) {
    const connectMs: number[] = [];
    const joinMs: number[] = [];
    const leaveMs: number[] = [];
    let errors = 0;
    const until = performance.now() + args.durationMs;
    const loop = async (i: number) => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const socket = io(`${args.url}/live`, {
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
        });
        try {
          await new Promise<void>((resolve, reject) => {
            socket.once('connect', () => resolve());
            socket.once('connect_error', reject);
          });
          const t1 = performance.now();
          const joined = (await socket.timeout(10_000).emitWithAck('join', {
            roomId: `churn-${i % args.rooms}`,
            roomCode: 'bench',
            displayName: `churn ${i}`,
            role: 'classroom',
          })) as { ok: boolean };
          const t2 = performance.now();
          if (!joined.ok) throw new Error('join refused');
          await socket.timeout(10_000).emitWithAck('leave', {});
          const t3 = performance.now();
          connectMs.push(t1 - t0);
          joinMs.push(t2 - t1);
          leaveMs.push(t3 - t2);
        } catch {
          errors += 1;
        } finally {
          socket.disconnect();
        }
      }
    };
    await Promise.all(Array.from({ length: args.clients }, (_, i) => loop(i)));
    return { connectMs, joinMs, leaveMs, errors, seconds: args.durationMs / 1000 };
  },

  /** Per-stream counts since the mark (for looking into a loss figure). */
  streams(args: { group: string }) {
    return (groups.get(args.group) ?? []).flatMap((c, i) =>
      [...c.streams.entries()].map(([ssrc, s]) => ({
        classroom: i,
        ssrc,
        received: s.count - s.markCount,
        expected: s.highest - s.markHighest,
        bytesPerPacket: Math.round((s.bytes - s.markBytes) / Math.max(1, s.count - s.markCount)),
      })),
    );
  },

  /** Closes a group's classrooms (their sockets and signaling). */
  close(args: { group: string }) {
    for (const c of groups.get(args.group) ?? []) {
      c.socket?.close();
      c.signaling?.disconnect();
    }
    groups.delete(args.group);
    return true;
  },

  cpu() {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  },
};

export type SinkHandlers = typeof handlers;

serve(handlers, () => {
  for (const group of [...groups.keys()]) handlers.close({ group });
});
