import type { types } from 'mediasoup';
import type { MediaRoom } from './MediaRoom';

/** Where a recorder process listens: RTP on `rtpPort`, RTCP on `rtcpPort`, loopback. */
export interface RtpDestination {
  ip: string;
  rtpPort: number;
  rtcpPort: number;
}

/**
 * What a recorder receives: the router's codecs without RTX and without feedback. A
 * recorder retransmits nothing and sends no NACK or congestion feedback, and an RTX
 * stream it does not know would only confuse it.
 */
export function recorderCapabilities(caps: types.RtpCapabilities): types.RtpCapabilities {
  return {
    codecs: (caps.codecs ?? [])
      .filter((c) => !/\/rtx$/i.test(c.mimeType))
      .map((c) => ({ ...c, rtcpFeedback: [] })),
    headerExtensions: (caps.headerExtensions ?? []).filter((h) =>
      /abs-send-time|ssrc-audio-level/.test(h.uri),
    ),
  };
}

/** What a recorder must know of one tapped stream to describe it (SDP). */
export interface TappedStream {
  kind: 'audio' | 'video';
  producerId: string;
  rtpParameters: types.RtpParameters;
}

/**
 * The mediasoup side of a recording: for each producer, a PlainTransport on the
 * producer's router (comedia off, explicit destination, RTCP on its own port so the
 * recorder gets sender reports to line audio and video up) and a paused consumer at the
 * best layer. The worker sends RTP straight to the recorder process; nothing per packet
 * passes through Node. `start()` resumes once the recorder listens and asks for a keyframe.
 */
export class RecordingTap {
  readonly streams: TappedStream[];
  readonly #parts: { transport: types.PlainTransport; consumer: types.Consumer }[];
  #closed = false;
  #onClose: (() => void) | undefined;

  static async open(
    room: MediaRoom,
    router: types.Router,
    sources: { producerId: string; destination: RtpDestination }[],
  ): Promise<RecordingTap> {
    const parts: { transport: types.PlainTransport; consumer: types.Consumer }[] = [];
    try {
      for (const { producerId, destination } of sources) {
        const transport = await room.createPlainTransport(router, {
          listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
          rtcpMux: false,
          comedia: false,
          appData: { recording: true },
        });
        await transport.connect({
          ip: destination.ip,
          port: destination.rtpPort,
          rtcpPort: destination.rtcpPort,
        });
        const consumer = await room.consume(
          transport,
          router,
          producerId,
          recorderCapabilities(router.rtpCapabilities),
          { recording: true },
        );
        if (!consumer) throw new Error(`cannot consume ${producerId}`);
        parts.push({ transport, consumer });
      }
    } catch (error) {
      for (const p of parts) p.transport.close();
      throw error;
    }
    return new RecordingTap(parts);
  }

  private constructor(parts: { transport: types.PlainTransport; consumer: types.Consumer }[]) {
    this.#parts = parts;
    this.streams = parts.map(({ consumer }) => ({
      kind: consumer.kind,
      producerId: consumer.producerId,
      rtpParameters: consumer.rtpParameters,
    }));
    for (const { transport, consumer } of parts) {
      // A dead worker or a closed producer ends the tap: the recorder ends its segment.
      transport.observer.once('close', () => this.close());
      consumer.observer.once('close', () => this.close());
      // A new layer starts with a keyframe only if asked; the recorder cannot decode the
      // switch otherwise.
      consumer.on('layerschange', () => void consumer.requestKeyFrame().catch(() => undefined));
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Called once when the tap ends by itself (worker death, producer closed) or is closed. */
  onClose(listener: () => void): void {
    this.#onClose = listener;
  }

  /** The recorder listens: send, at the best layer, starting with a keyframe. */
  async start(): Promise<void> {
    for (const { consumer } of this.#parts) {
      // The worker clamps to the highest layer the producer has.
      if (consumer.type === 'simulcast' || consumer.type === 'svc') {
        await consumer.setPreferredLayers({ spatialLayer: 3, temporalLayer: 3 });
      }
      await consumer.resume();
    }
    await this.requestKeyFrame();
  }

  async requestKeyFrame(): Promise<void> {
    await Promise.all(
      this.#parts
        .filter((p) => p.consumer.kind === 'video' && !p.consumer.closed)
        .map((p) => p.consumer.requestKeyFrame().catch(() => undefined)),
    );
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const { transport } of this.#parts) transport.close();
    this.#onClose?.();
  }
}
