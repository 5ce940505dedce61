import type { types } from 'mediasoup';
import type { MediaSource } from '../../shared/signaling/events';
import type { RecorderTap } from '../live/ports';
import { fromMediasoup } from './mediaErrors';
import { ConsumerTrack } from './tracks';

/** What a tap's consumers need from their room: its router and a paused consume there. */
export interface TapHost {
  readonly router: types.Router;
  consume(
    transport: types.PlainTransport,
    router: types.Router,
    producerId: string,
    rtpCapabilities: types.RtpCapabilities,
    appData: types.AppData,
  ): Promise<types.Consumer | undefined>;
  sourceOf(producerId: string): { peerId: string; source: MediaSource } | undefined;
}

/**
 * A recorder's tap (server/live/ports.ts RecorderTap) over mediasoup: one PlainTransport
 * per track, on the room's primary router, sending RTP (RTCP muxed) to where the recorder
 * listens. SRTP off: the receiver is a local process on the loopback.
 */
export class MediaTap implements RecorderTap {
  readonly #host: TapHost;
  readonly #capabilities: types.RtpCapabilities;
  readonly #transports = new Set<types.PlainTransport>();
  #closed = false;

  constructor(host: TapHost, rtpCapabilities: types.RtpCapabilities) {
    this.#host = host;
    this.#capabilities = rtpCapabilities;
  }

  get closed(): boolean {
    return this.#closed;
  }

  async consume(producerId: string, to: { ip: string; port: number }) {
    if (this.#closed) return undefined;
    const about = this.#host.sourceOf(producerId);
    if (!about) return undefined;
    const router = this.#host.router;
    const transport = await router
      .createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true })
      .catch(fromMediasoup);
    this.#transports.add(transport);
    transport.observer.once('close', () => this.#transports.delete(transport));
    try {
      await transport.connect({ ip: to.ip, port: to.port });
      const consumer = await this.#host.consume(
        transport,
        router,
        producerId,
        this.#capabilities,
        about,
      );
      if (!consumer) {
        transport.close();
        return undefined;
      }
      consumer.observer.once('close', () => transport.close());
      return new ConsumerTrack(consumer);
    } catch (error) {
      transport.close();
      return fromMediasoup(error);
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const t of [...this.#transports]) t.close();
  }
}
