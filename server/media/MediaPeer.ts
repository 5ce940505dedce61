import type { types } from 'mediasoup';
import type { MediaSource } from '../../shared/signaling/events';
import type { DtlsParameters, RtpCapabilities, RtpParameters } from '../../shared/signaling/rtp';
import type { TeacherVideoSample } from '../../shared/lessons';
import type { MediaSession, PeerStats, ReceivedTrackEvents, TransportOffer } from '../live/ports';
import { RoomError } from '../live/RoomError';
import type { MediaRoom } from './MediaRoom';
import { samplePeerStats, sampleTeacherVideo } from './peerStats';
import { ReceiveCounters } from './receiveCounters';
import { fromMediasoup } from './mediaErrors';
import { ConsumerTrack, ProducerTrack } from './tracks';
import { LinkSampler, type LinkState } from './linkSampler';

export type Direction = 'send' | 'recv';

/** Caps per peer, so one misbehaving client cannot exhaust a worker. */
export const peerLimits = { transports: 4, producers: 6, consumers: 200 } as const;

export class MediaLimitError extends Error {
  override name = 'MediaLimitError';
}

/**
 * One participant's media: its transports on its router, its producers and consumers.
 * `close()` is idempotent and cascades (transports close their producers and consumers).
 * The live room sees it as a MediaSession (server/live/ports.ts); the maps stay readable
 * for stats, the benchmark and tests.
 */
export class MediaPeer implements MediaSession {
  readonly room: MediaRoom;
  readonly router: types.Router;
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, types.Producer>();
  readonly consumers = new Map<string, types.Consumer>();
  /** what the peer's browser reports it decoded of its consumers */
  readonly received = new ReceiveCounters();
  readonly #published = new Map<string, ProducerTrack>();
  readonly #receiving = new Map<string, ConsumerTrack>();
  #closed = false;
  /** the downlink's layer policy, from the first receive transport on */
  #link: LinkSampler | undefined;
  readonly #linkListeners: ((state: LinkState) => void)[] = [];
  /** the downlink budget (kbit/s) the room gave this peer, kept for a sampler made later */
  #capKbps: number | undefined;

  constructor(room: MediaRoom, router: types.Router) {
    this.room = room;
    this.router = router;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** A WebRTC transport for the client (the port's side: what the client needs to connect). */
  async createTransport(direction: Direction, peerId: string): Promise<TransportOffer> {
    const transport = await this.openTransport(direction, { peerId }).catch(fromMediasoup);
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates as TransportOffer['iceCandidates'],
      dtlsParameters: transport.dtlsParameters as TransportOffer['dtlsParameters'],
    };
  }

  async openTransport(
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
    const linkOptions = this.room.linkOptions;
    if (direction === 'recv' && !this.#link && linkOptions !== false && !this.#closed) {
      this.#link = new LinkSampler(this, linkOptions);
      for (const l of this.#linkListeners) this.#link.onChange(l);
      this.#link.setCap(this.#capKbps);
    }
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

  #transportOrRefuse(id: string, direction?: Direction): types.WebRtcTransport {
    const transport = this.transports.get(id);
    if (!transport || (direction && transport.appData.direction !== direction)) {
      throw new RoomError(
        'not_found',
        `no ${direction ? `${direction} ` : ''}transport ${id}`,
        '/transportId',
      );
    }
    return transport;
  }

  async connectTransport(transportId: string, dtlsParameters: DtlsParameters): Promise<void> {
    await this.#transportOrRefuse(transportId)
      .connect({ dtlsParameters: dtlsParameters as types.DtlsParameters })
      .catch(fromMediasoup);
  }

  restartIce(transportId: string): Promise<TransportOffer['iceParameters']> {
    return this.#transportOrRefuse(transportId).restartIce().catch(fromMediasoup);
  }

  async restartAllIce() {
    const transports = [];
    for (const transport of this.transports.values()) {
      transports.push({
        id: transport.id,
        iceParameters: await transport.restartIce().catch(fromMediasoup),
      });
    }
    return transports;
  }

  get canReceive(): boolean {
    return this.recvTransport() !== undefined;
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
    this.#published.set(producer.id, new ProducerTrack(producer));
    producer.observer.once('close', () => {
      this.producers.delete(producer.id);
      this.#published.delete(producer.id);
    });
    this.room.addProducer(producer, this.router);
    return producer;
  }

  published(): ProducerTrack[] {
    return [...this.#published.values()];
  }

  async publish(
    transportId: string,
    track: { kind: 'audio' | 'video'; rtpParameters: RtpParameters; source: MediaSource },
    peerId: string,
    onClose: (track: ProducerTrack) => void,
  ): Promise<ProducerTrack> {
    const transport = this.#transportOrRefuse(transportId, 'send');
    const producer = await this.produce(transport, {
      kind: track.kind,
      rtpParameters: track.rtpParameters as types.RtpParameters,
      appData: { source: track.source, peerId },
    }).catch(fromMediasoup);
    const published = this.#published.get(producer.id)!;
    producer.observer.once('close', () => onClose(published));
    return published;
  }

  unpublish(producerId: string): boolean {
    const producer = this.producers.get(producerId);
    producer?.close();
    return producer !== undefined;
  }

  receiving(): ConsumerTrack[] {
    return [...this.#receiving.values()];
  }

  receivedTrack(consumerId: string): ConsumerTrack | undefined {
    return this.#receiving.get(consumerId);
  }

  async consumePaused(
    producerId: string,
    rtpCapabilities: RtpCapabilities,
    about: { peerId: string; source: MediaSource },
    events: ReceivedTrackEvents,
  ): Promise<ConsumerTrack | undefined> {
    const consumer = await this.consume(
      producerId,
      rtpCapabilities as types.RtpCapabilities,
      about,
    ).catch(fromMediasoup);
    if (!consumer) return undefined;
    consumer.on('producerclose', () => events.producerClosed(consumer.id));
    consumer.on('layerschange', (layers) =>
      events.layersChanged(consumer.id, layers?.spatialLayer ?? null),
    );
    return this.#receiving.get(consumer.id);
  }

  reportDecoded(
    reports: { consumerId: string; framesDecoded: number; freezeCount?: number }[],
  ): void {
    // Only consumers this peer has: a report cannot make counters for anything else.
    this.received.report(reports.filter((c) => this.consumers.has(c.consumerId)));
  }

  /** What its downlink's policy made of the link, on every change (poor, layer cap). */
  onLink(listener: (state: LinkState) => void): void {
    this.#linkListeners.push(listener);
    this.#link?.onChange(listener);
  }

  /** Its share of its school's downlink budget (server/live/budget); undefined: none. */
  setDownlinkCap(kbps: number | undefined): void {
    this.#capKbps = kbps;
    this.#link?.setCap(kbps);
  }

  get link(): LinkSampler | undefined {
    return this.#link;
  }

  stats(): Promise<PeerStats> {
    return samplePeerStats(this);
  }

  teacherVideo(producerIds: ReadonlySet<string>): Promise<TeacherVideoSample> {
    return sampleTeacherVideo(this, producerIds);
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
    const track = new ConsumerTrack(consumer);
    this.#receiving.set(consumer.id, track);
    consumer.observer.once('close', () => {
      this.consumers.delete(consumer.id);
      this.#receiving.delete(consumer.id);
      this.received.forget(consumer.id);
    });
    await this.#link?.capNew(track);
    return consumer;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#link?.close();
    for (const transport of this.transports.values()) transport.close();
    this.room.releasePeer(this.router);
  }
}
