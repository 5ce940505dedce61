import type { types } from 'mediasoup';
import type { MediaRoom } from './MediaRoom';
import { ReceiveCounters } from './receiveCounters';

export type Direction = 'send' | 'recv';

/** Caps per peer, so one misbehaving client cannot exhaust a worker. */
export const peerLimits = { transports: 4, producers: 6, consumers: 200 } as const;

export class MediaLimitError extends Error {
  override name = 'MediaLimitError';
}

/**
 * One participant's media: its transports on its router, its producers and consumers.
 * `close()` is idempotent and cascades (transports close their producers and consumers).
 */
export class MediaPeer {
  readonly room: MediaRoom;
  readonly router: types.Router;
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, types.Producer>();
  readonly consumers = new Map<string, types.Consumer>();
  /** what the peer's browser reports it decoded of its consumers */
  readonly received = new ReceiveCounters();
  #closed = false;

  constructor(room: MediaRoom, router: types.Router) {
    this.room = room;
    this.router = router;
  }

  get closed(): boolean {
    return this.#closed;
  }

  async createTransport(
    direction: Direction,
    appData: types.AppData,
  ): Promise<types.WebRtcTransport> {
    if (this.transports.size >= peerLimits.transports) {
      // A client that rebuilds its transports replaces the old one of that direction.
      const old = [...this.transports.values()].find((t) => t.appData.direction === direction);
      old?.close();
      if (this.transports.size >= peerLimits.transports) {
        throw new MediaLimitError(`at most ${peerLimits.transports} transports per peer`);
      }
    }
    const transport = await this.room.createWebRtcTransport(this.router, { ...appData, direction });
    this.transports.set(transport.id, transport);
    transport.observer.once('close', () => this.transports.delete(transport.id));
    // A peer that vanished without a goodbye: drop its transport instead of waiting 30 s
    // for ICE consent to time out.
    transport.on('dtlsstatechange', (state) => {
      if (state === 'failed' || state === 'closed') transport.close();
    });
    return transport;
  }

  transport(id: string): types.WebRtcTransport | undefined {
    return this.transports.get(id);
  }

  recvTransport(): types.WebRtcTransport | undefined {
    return [...this.transports.values()].find((t) => t.appData.direction === 'recv' && !t.closed);
  }

  async produce(
    transport: types.WebRtcTransport,
    options: types.ProducerOptions,
  ): Promise<types.Producer> {
    if (this.producers.size >= peerLimits.producers) {
      throw new MediaLimitError(`at most ${peerLimits.producers} producers per peer`);
    }
    const producer = await transport.produce(options);
    this.producers.set(producer.id, producer);
    producer.observer.once('close', () => this.producers.delete(producer.id));
    this.room.addProducer(producer, this.router);
    return producer;
  }

  async consume(
    producerId: string,
    rtpCapabilities: types.RtpCapabilities,
    appData: types.AppData,
  ): Promise<types.Consumer | undefined> {
    const transport = this.recvTransport();
    if (!transport) return undefined;
    if (this.consumers.size >= peerLimits.consumers) {
      throw new MediaLimitError(`at most ${peerLimits.consumers} consumers per peer`);
    }
    const consumer = await this.room.consume(
      transport,
      this.router,
      producerId,
      rtpCapabilities,
      appData,
    );
    if (!consumer) return undefined;
    this.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => {
      this.consumers.delete(consumer.id);
      this.received.forget(consumer.id);
    });
    return consumer;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const transport of this.transports.values()) transport.close();
    this.room.releasePeer(this.router);
  }
}
