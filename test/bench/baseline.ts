// The bare-mediasoup baseline: the same workers, routers, transports, producers and
// consumers as Tongke's side, made with mediasoup's API alone and no Tongke code (the
// codec list is copied, not imported). What Tongke's relay is measured against.
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import {
  plainReceiverCapabilities,
  type FanoutSystem,
  type JoinInfo,
  type Receiver,
} from './system';
import type { ProducerSpec } from './streamSet';

/** A copy of server/media/codecs.ts, so the baseline's routers match Tongke's. */
export const mediaCodecs: types.RouterRtpCodecCapability[] = [
  {
    kind: 'audio',
    mimeType: 'audio/opus',
    clockRate: 48000,
    channels: 2,
    parameters: { useinbandfec: 1, usedtx: 1 },
  },
  {
    kind: 'video',
    mimeType: 'video/VP8',
    clockRate: 90000,
    parameters: { 'x-google-start-bitrate': 1000 },
  },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: {
      'packetization-mode': 1,
      'profile-level-id': '42e01f',
      'level-asymmetry-allowed': 1,
      'x-google-start-bitrate': 1000,
    },
  },
];

const listenInfo = { protocol: 'udp', ip: '127.0.0.1' } as const;

interface Lesson {
  router: types.Router;
  producers: types.Producer[];
}

export class BareFanout implements FanoutSystem {
  readonly name = 'baseline';
  readonly #workers: types.Worker[];
  readonly #lessons = new Map<string, Lesson>();
  #next = 0;

  static async create(numWorkers: number): Promise<BareFanout> {
    const workers: types.Worker[] = [];
    for (let i = 0; i < numWorkers; i++) {
      workers.push(
        await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort: 20000, rtcMaxPort: 29999 }),
      );
    }
    return new BareFanout(workers);
  }

  private constructor(workers: types.Worker[]) {
    this.#workers = workers;
  }

  workers(): types.Worker[] {
    return this.#workers;
  }

  joinInfo(): JoinInfo | undefined {
    return undefined;
  }

  async addLesson(lessonId: string, producers: ProducerSpec[]) {
    // Round robin over the workers, one router per lesson.
    const worker = this.#workers[this.#next++ % this.#workers.length]!;
    const router = await worker.createRouter({ mediaCodecs });
    const transport = await router.createPlainTransport({
      listenInfo,
      rtcpMux: true,
      comedia: true,
    });
    const made: types.Producer[] = [];
    for (const spec of producers) {
      made.push(
        await transport.produce({
          kind: spec.kind,
          rtpParameters: spec.rtpParameters as types.RtpParameters,
          appData: { source: spec.source },
        }),
      );
    }
    this.#lessons.set(lessonId, { router, producers: made });
    const opus = router.rtpCapabilities.codecs?.find((c) => c.mimeType === 'audio/opus');
    return { port: transport.tuple.localPort, audioPt: opus?.preferredPayloadType ?? -1 };
  }

  async addClassrooms(lessonId: string, receivers: Receiver[]): Promise<void> {
    const lesson = this.#lessons.get(lessonId);
    if (!lesson) throw new Error(`no lesson ${lessonId}`);
    const rtpCapabilities = plainReceiverCapabilities(lesson.router.rtpCapabilities);
    for (const r of receivers) {
      const transport = await lesson.router.createPlainTransport({
        listenInfo,
        rtcpMux: true,
        comedia: false,
        enableSrtp: true,
        srtpCryptoSuite: 'AES_CM_128_HMAC_SHA1_80',
      });
      await transport.connect({ ip: '127.0.0.1', port: r.port, srtpParameters: r.srtp });
      for (const producer of lesson.producers) {
        const consumer = await transport.consume({
          producerId: producer.id,
          rtpCapabilities,
          paused: true,
        });
        await consumer.resume();
      }
    }
  }

  async close(): Promise<void> {
    for (const w of this.#workers) w.close();
  }
}
