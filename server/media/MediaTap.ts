import type { types } from 'mediasoup';
import type { MediaSource } from '../../shared/signaling/events';
import type { RecorderTap, TapDestination, TappedTrack } from '../live/ports';
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
  /** whether a worker under the room died (any of its routers closed by its worker) */
  lost(): boolean;
  /** the tap closed: the room need not close it any more */
  released?(): void;
}

/** A consumer of a tap: a track that can ask for keyframes and says how it ended. */
class TapTrack extends ConsumerTrack implements TappedTrack {
  readonly #host: TapHost;
  #listeners: (() => void)[] = [];

  constructor(consumer: types.Consumer, host: TapHost) {
    super(consumer);
    this.#host = host;
    consumer.observer.once('close', () => {
      for (const listener of this.#listeners.splice(0)) listener();
    });
    // A new layer starts with a keyframe only if asked; the receiver cannot decode the
    // switch otherwise.
    consumer.on('layerschange', () => void this.requestKeyFrame());
  }

  get mediaLost(): boolean {
    // Read when the consumer closes: a dead worker closes its routers (and, through a
    // pipe, the consumers on the others) before it says anything else.
    return this.#host.lost();
  }

  async requestKeyFrame(): Promise<void> {
    if (this.consumer.kind !== 'video' || this.consumer.closed) return;
    await this.consumer.requestKeyFrame().catch(() => undefined);
  }

  onClose(listener: () => void): void {
    if (this.consumer.closed) listener();
    else this.#listeners.push(listener);
  }
}

/**
 * A recorder's tap (server/live/ports.ts RecorderTap) over mediasoup: one PlainTransport
 * per track, on the room's primary router (piped there), sending RTP to where the
 * recorder listens — RTCP on its own port when asked, so the receiver gets the sender
 * reports that line audio and video up. SRTP off, comedia off: the receiver is a process
 * that only listens (here, or on a recorder agent). Nothing per packet passes through Node.
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

  async consume(producerId: string, to: TapDestination): Promise<TappedTrack | undefined> {
    if (this.#closed) return undefined;
    const about = this.#host.sourceOf(producerId);
    if (!about) return undefined;
    const router = this.#host.router;
    const rtcpMux = to.rtcpPort === undefined;
    const transport = await router
      .createPlainTransport({
        // A recorder on this node is reached on the loopback; one on a recorder agent's
        // machine from an address that routes there (a socket bound to 127.0.0.1 cannot).
        listenInfo: { protocol: 'udp', ip: to.ip.startsWith('127.') ? '127.0.0.1' : '0.0.0.0' },
        rtcpMux,
        comedia: false,
        appData: { recording: true },
      })
      .catch(fromMediasoup);
    this.#transports.add(transport);
    transport.observer.once('close', () => this.#transports.delete(transport));
    try {
      await transport.connect({
        ip: to.ip,
        port: to.port,
        ...(rtcpMux ? {} : { rtcpPort: to.rtcpPort }),
      });
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
      // Closed meanwhile: the track is born ended, and says so to whoever listens.
      if (this.#closed) transport.close();
      return new TapTrack(consumer, this.#host);
    } catch (error) {
      transport.close();
      return fromMediasoup(error);
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const t of [...this.#transports]) t.close();
    this.#host.released?.();
  }
}
