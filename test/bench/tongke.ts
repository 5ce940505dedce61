// Tongke's side of the media benchmarks, through Tongke's own code: a WorkerPool, LiveRooms
// (with its quality sampler every 2 s), LiveRoom/MediaRoom/MediaPeer, and the /live
// socket.io signaling the classrooms join through (attachSignaling, as server/app.ts wires
// it). The one difference from a browser session: the teacher's transport and the
// classrooms' receive transports are PlainTransports (MediaRoom.createPlainTransport) the
// bench creates for each peer, because the load is synthetic RTP, not WebRTC.
import '../../server/media/workerBinary';
import { defaults } from '../../server/config';
import { createServer, type Server as HttpServer } from 'node:http';
import type { types } from 'mediasoup';
import { Server as SocketServer } from 'socket.io';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { WorkerPool } from '../../server/media/WorkerPool';
import { LiveRooms } from '../../server/live/LiveRooms';
import { mediasoupMedia } from '../../server/media/MediaRoom';
import type { SfuPorts } from '../../server/signaling/SocketConnection';
import { attachSignaling } from '../../server/signaling/attach';
import type { LiveRoom } from '../../server/live/LiveRoom';
import {
  plainReceiverCapabilities,
  type FanoutSystem,
  type JoinInfo,
  type Receiver,
} from './system';
import type { ProducerSpec } from './streamSet';
import type { RtpCapabilities } from '../../shared/signaling/rtp';

const listenInfo = { protocol: 'udp', ip: '127.0.0.1' } as const;
export const BENCH_ROOM_CODE = 'bench';

export interface TongkeFanoutOptions {
  numWorkers: number;
  /** server/config.ts's default unless given */
  consumersPerRouter?: number;
  /** participants per room (attachSignaling's default is 40, a lesson) */
  roomCapacity?: number;
}

export class TongkeFanout implements FanoutSystem {
  readonly name = 'tongke';
  readonly pool: WorkerPool;
  readonly rooms: LiveRooms<SfuPorts>;
  readonly url: string;
  readonly #http: HttpServer;
  readonly #io: SocketServer;
  readonly #teachers: ClientSocket[] = [];

  static async create(options: TongkeFanoutOptions): Promise<TongkeFanout> {
    const pool = await WorkerPool.create({
      numWorkers: options.numWorkers,
      listenIp: '127.0.0.1',
      announcedAddress: '127.0.0.1',
      rtcPort: 0,
      rtcMinPort: 30000,
      rtcMaxPort: 39999,
    });
    const rooms = new LiveRooms<SfuPorts>({
      media: mediasoupMedia(pool, {
        consumersPerRouter: options.consumersPerRouter ?? defaults().consumersPerRouter,
      }),
      now: Date.now,
    });
    const http = createServer();
    const server = new SocketServer(http, {
      serveClient: false,
      maxHttpBufferSize: 256 * 1024,
      connectionStateRecovery: { maxDisconnectionDuration: 15_000 },
    });
    attachSignaling(server, {
      rooms,
      now: Date.now,
      verifyToken: async () => undefined,
      // Every bench client comes from 127.0.0.1: the per-address join budget (300 a minute)
      // would measure itself, not signaling.
      limits: { joinsPerAddressPerMinute: 1_000_000 },
      ...(options.roomCapacity ? { roomCapacity: options.roomCapacity } : {}),
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new TongkeFanout(pool, rooms, http, server, `http://127.0.0.1:${port}`);
  }

  private constructor(
    pool: WorkerPool,
    rooms: LiveRooms<SfuPorts>,
    http: HttpServer,
    server: SocketServer,
    url: string,
  ) {
    this.pool = pool;
    this.rooms = rooms;
    this.#http = http;
    this.#io = server;
    this.url = url;
  }

  workers(): types.Worker[] {
    return this.pool.slots.map((s) => s.worker);
  }

  joinInfo(lessonId: string): JoinInfo {
    return { url: this.url, roomId: lessonId, roomCode: BENCH_ROOM_CODE };
  }

  #room(lessonId: string): LiveRoom<SfuPorts> {
    const room = this.rooms.get(lessonId);
    if (!room) throw new Error(`no live room ${lessonId}`);
    return room;
  }

  async addLesson(lessonId: string, producers: ProducerSpec[]) {
    // The teacher joins over signaling like any client...
    const socket = io(`${this.url}/live`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    socket.on('newConsumer', (_c: unknown, ack: (r: unknown) => void) =>
      ack({ ok: true, data: {} }),
    );
    this.#teachers.push(socket);
    const reply = (await socket.timeout(10_000).emitWithAck('join', {
      roomId: lessonId,
      roomCode: BENCH_ROOM_CODE,
      displayName: `teacher ${lessonId}`,
      role: 'teacher',
    })) as { ok: boolean; data?: { peerId: string }; error?: { message: string } };
    if (!reply.ok || !reply.data) throw new Error(`teacher join failed: ${reply.error?.message}`);
    const room = this.#room(lessonId);
    const participant = room.participants.get(reply.data.peerId);
    const media = participant?.media;
    if (!participant || !media) throw new Error('teacher has no media session');
    // ...and publishes through MediaPeer.produce, as the produce handler does, from a
    // PlainTransport the synthetic source sends to.
    const transport = await media.room.createPlainTransport(media.router, {
      listenInfo,
      rtcpMux: true,
      comedia: true,
      appData: { direction: 'send', peerId: participant.peerId },
    });
    // MediaPeer keeps WebRtcTransports; a PlainTransport answers the same calls it makes.
    const asPeerTransport = transport as unknown as types.WebRtcTransport;
    media.transports.set(transport.id, asPeerTransport);
    for (const spec of producers) {
      await media.produce(asPeerTransport, {
        kind: spec.kind,
        rtpParameters: spec.rtpParameters as types.RtpParameters,
        appData: { source: spec.source, peerId: participant.peerId },
      });
    }
    room.broadcastPeer(participant);
    await room.reconcileAll();
    const opus = media.router.rtpCapabilities.codecs?.find((c) => c.mimeType === 'audio/opus');
    return { port: transport.tuple.localPort, audioPt: opus?.preferredPayloadType ?? -1 };
  }

  async addClassrooms(lessonId: string, receivers: Receiver[]): Promise<void> {
    const room = this.#room(lessonId);
    const one = async (r: Receiver) => {
      const participant = r.peerId ? room.participants.get(r.peerId) : undefined;
      const media = participant?.media;
      if (!participant || !media) throw new Error(`classroom ${r.peerId} has not joined`);
      const transport = await media.room.createPlainTransport(media.router, {
        listenInfo,
        rtcpMux: true,
        comedia: false,
        enableSrtp: true,
        srtpCryptoSuite: 'AES_CM_128_HMAC_SHA1_80',
        appData: { direction: 'recv', peerId: participant.peerId },
      });
      media.transports.set(transport.id, transport as unknown as types.WebRtcTransport);
      await transport.connect({ ip: '127.0.0.1', port: r.port, srtpParameters: r.srtp });
      // What the createTransport handler records from a real client's device.
      participant.setReceiveCapabilities(
        plainReceiverCapabilities(media.router.rtpCapabilities) as RtpCapabilities,
      );
      // Consumers offered over socket.io (newConsumer → ack), then resumed: LiveRoom's path.
      await room.reconcile(participant);
    };
    for (let i = 0; i < receivers.length; i += 16) {
      await Promise.all(receivers.slice(i, i + 16).map(one));
    }
  }

  async close(): Promise<void> {
    for (const t of this.#teachers) t.disconnect();
    this.rooms.closeAll();
    this.#io.close();
    await new Promise((resolve) => this.#http.close(resolve));
    this.pool.close();
  }
}
