// A recorder's way into a live room (server/live/ports.ts RecorderTap, MediaTap over
// mediasoup): a producer tapped to a local RTP receiver gets its packets once resumed, and
// none while paused.
import '../../../server/media/workerBinary';
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../server/media/WorkerPool';
import { MediaRoom } from '../../../server/media/MediaRoom';
import type { RtpCapabilities } from '../../../shared/signaling/rtp';

const opus = { mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 };

/** A minimal RTP packet (v2, payload type 111), as an RTP source on the loopback sends it. */
function rtp(seq: number, ssrc: number): Buffer {
  const b = Buffer.alloc(12 + 20);
  b[0] = 0x80;
  b[1] = 111;
  b.writeUInt16BE(seq & 0xffff, 2);
  b.writeUInt32BE(seq * 960, 4);
  b.writeUInt32BE(ssrc, 8);
  return b;
}

describe('a recorder’s tap on a live room', () => {
  let pool: WorkerPool;
  let room: MediaRoom;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    pool = await WorkerPool.create({
      numWorkers: 1,
      listenIp: '127.0.0.1',
      announcedAddress: '127.0.0.1',
      rtcPort: 0,
      rtcMinPort: 40000,
      rtcMaxPort: 40999,
    });
    room = await MediaRoom.create(pool, 'tap-room', { consumersPerRouter: 400 });
  });

  afterAll(() => {
    for (const s of sockets) s.close();
    room?.close();
    pool?.close();
  });

  it('receives a producer’s RTP once resumed, and closes with the room', async () => {
    // A publisher: RTP into a PlainTransport producer, as the benchmark's sources do.
    const router = room.routers[0]!;
    const send = await room.createPlainTransport(router, {
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: true,
      comedia: true,
    });
    const producer = await send.produce({
      kind: 'audio',
      rtpParameters: { codecs: [opus], encodings: [{ ssrc: 1111 }], rtcp: { cname: 'mic' } },
      appData: { source: 'mic', peerId: 'teacher' },
    });
    room.addProducer(producer, router);

    // The recorder listens on a local port.
    const receiver = createSocket('udp4');
    sockets.push(receiver);
    let received = 0;
    receiver.on('message', () => (received += 1));
    await new Promise<void>((r) => receiver.bind(0, '127.0.0.1', r));
    const port = receiver.address().port;

    const tap = await room.openTap(router.rtpCapabilities as RtpCapabilities);
    const track = await tap.consume(producer.id, { ip: '127.0.0.1', port });
    expect(track).toMatchObject({ producerId: producer.id, source: 'mic', peerId: 'teacher' });

    const source = createSocket('udp4');
    sockets.push(source);
    const sendPort = send.tuple.localPort;
    let seq = 0;
    const pump = setInterval(() => source.send(rtp(++seq, 1111), sendPort, '127.0.0.1'), 10);
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(received).toBe(0); // paused: nothing is sent before the recorder is ready
      await track!.resume();
      await expect.poll(() => received, { timeout: 3000 }).toBeGreaterThan(10);
    } finally {
      clearInterval(pump);
    }

    room.close();
    expect(tap.closed).toBe(true);
    expect(track!.closed).toBe(true);
  });

  it('is refused a producer the room does not have', async () => {
    const other = await MediaRoom.create(pool, 'tap-room-2', { consumersPerRouter: 400 });
    const tap = await other.openTap(other.rtpCapabilities);
    expect(await tap.consume('no-such-producer', { ip: '127.0.0.1', port: 9 })).toBeUndefined();
    other.close();
  });
});
