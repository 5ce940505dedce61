// What the fan-out and lesson benchmarks drive: Tongke's media path or the bare-mediasoup
// baseline, behind one small interface so both get the same publisher and receivers.
import { randomBytes } from 'node:crypto';
import type { types } from 'mediasoup';
import type { ProducerSpec } from './streamSet';

export interface SrtpParameters {
  cryptoSuite: 'AES_CM_128_HMAC_SHA1_80';
  keyBase64: string;
}

/** A member classroom's receiving end: a UDP port, and its peer id when it joined by signaling. */
export interface Receiver {
  port: number;
  peerId?: string;
  srtp: SrtpParameters;
}

/** How a classroom of this system joins over signaling (Tongke), if it does. */
export interface JoinInfo {
  url: string;
  roomId: string;
  roomCode: string;
}

export interface FanoutSystem {
  readonly name: string;
  /** One lesson's teacher publishing `producers` into a PlainTransport; where to send them. */
  addLesson(
    lessonId: string,
    producers: ProducerSpec[],
  ): Promise<{ port: number; audioPt: number }>;
  /** Classrooms that receive everything the lesson's teacher sends. */
  addClassrooms(lessonId: string, receivers: Receiver[]): Promise<void>;
  joinInfo(lessonId: string): JoinInfo | undefined;
  workers(): types.Worker[];
  close(): Promise<void>;
}

/** The key a receiver would use to decrypt (it never does: it counts headers). */
export function srtpKey(): SrtpParameters {
  return { cryptoSuite: 'AES_CM_128_HMAC_SHA1_80', keyBase64: randomBytes(30).toString('base64') };
}

/**
 * What a plain RTP receiver negotiates: the router's capabilities without the bandwidth
 * estimation extensions and feedback (transport-cc, abs-send-time/REMB). The counting
 * receivers send no feedback, so with them mediasoup would hold every classroom at its
 * initial 600 kbit/s estimate; without them, each gets the layer it prefers (the top one),
 * as a classroom on a healthy LAN does.
 */
export function plainReceiverCapabilities(caps: types.RtpCapabilities): types.RtpCapabilities {
  const bwe = /transport-wide-cc|abs-send-time/;
  return {
    codecs: caps.codecs?.map((c) => ({
      ...c,
      rtcpFeedback: c.rtcpFeedback?.filter(
        (f) => f.type !== 'transport-cc' && f.type !== 'goog-remb',
      ),
    })),
    headerExtensions: caps.headerExtensions?.filter((h) => !bwe.test(h.uri)),
  };
}

/** Worker CPU time (user + system, ms) from mediasoup's own resource counters. */
export async function workerCpuMs(worker: types.Worker): Promise<number> {
  const u = await worker.getResourceUsage();
  return u.ru_utime + u.ru_stime;
}
