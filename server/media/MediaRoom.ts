import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type { WorkerPool } from './WorkerPool';
import type { RtpCapabilities } from '../../shared/signaling/rtp';
import type { MediaFactory, RoomMedia } from '../live/ports';
import { MediaPeer } from './MediaPeer';
import { fromMediasoup } from './mediaErrors';
import { MediaTap } from './MediaTap';
import type { MediaSource } from '../../shared/signaling/events';
import type { LinkSamplerOptions } from './linkSampler';

export interface MediaRoomOptions {
  /** Consumers one router takes before new peers go to a piped router on another worker. */
  consumersPerRouter: number;
  /** Consumers a new peer is expected to add (so a lesson of 1 + 4 never splits). */
  expectedConsumersPerPeer?: number;
  /** each participant's downlink follows a LinkPolicy (false: mediasoup's own choice) */
  link?: LinkSamplerOptions | false;
}

export interface MediaRoomEvents {
  /** A worker under one of this room's routers died: every peer's media is gone. */
  medialost: [];
  close: [];
}

interface RouterEntry {
  router: types.Router;
  /** consumers placed on this router (not counting pipe consumers) */
  consumers: number;
  /** peers placed on this router; with the expected consumers each, what it is promised */
  peers: number;
}

/**
 * The media side of one live room: a primary router on the least-loaded worker, and, when
 * the room outgrows it, more routers on other workers that receive the producers through
 * `pipeToRouter`. Knows nothing of roles or lessons: the signaling layer says who consumes
 * what.
 */
export class MediaRoom extends EventEmitter<MediaRoomEvents> implements RoomMedia<MediaPeer> {
  readonly id: string;
  readonly #pool: WorkerPool;
  readonly #options: Required<MediaRoomOptions>;
  readonly #routers: RouterEntry[] = [];
  /** producer id → its producer and the routers it is available on (origin + pipes) */
  readonly #producers = new Map<string, { producer: types.Producer; routers: Set<types.Router> }>();
  /** in-flight pipes, so two consumers of the same producer on a router pipe once */
  readonly #piping = new Map<string, Promise<void>>();
  #closed = false;

  static async create(pool: WorkerPool, id: string, options: MediaRoomOptions): Promise<MediaRoom> {
    const room = new MediaRoom(pool, id, options);
    await room.#addRouter(pool.leastLoaded());
    return room;
  }

  private constructor(pool: WorkerPool, id: string, options: MediaRoomOptions) {
    super();
    this.id = id;
    this.#pool = pool;
    this.#options = { expectedConsumersPerPeer: 8, link: {}, ...options };
  }

  /** how its peers' downlinks are sampled, or false for none */
  get linkOptions(): LinkSamplerOptions | false {
    return this.#options.link;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** What the room's routers can send, as the client's device is loaded with. */
  get rtpCapabilities(): RtpCapabilities {
    const primary = this.#routers[0];
    if (!primary) throw new Error('room has no router');
    return primary.router.rtpCapabilities as RtpCapabilities;
  }

  /** A participant's media, on the router with room for it (the live room's port). */
  async newSession(): Promise<MediaPeer> {
    return new MediaPeer(this, await this.routerForNewPeer().catch(fromMediasoup));
  }

  onLost(listener: () => void): void {
    this.once('medialost', listener);
  }

  /** A recorder's tap on this room's producers, on the primary router (piped there). */
  async openTap(rtpCapabilities: RtpCapabilities): Promise<MediaTap> {
    const primary = this.#routers[0];
    if (!primary || this.#closed) throw new Error('room has no router');
    const tap = new MediaTap(
      {
        router: primary.router,
        consume: (transport, router, producerId, caps, appData) =>
          this.consume(transport, router, producerId, caps, appData),
        sourceOf: (producerId) => {
          const producer = this.#producers.get(producerId)?.producer;
          if (!producer) return undefined;
          return {
            peerId: producer.appData.peerId as string,
            source: producer.appData.source as MediaSource,
          };
        },
        lost: () => this.#routers.some((r) => r.router.closed),
        // A lesson opens a tap per segment: each stops listening once its tap is closed.
        released: () => this.off('close', closeTap),
      },
      rtpCapabilities as types.RtpCapabilities,
    );
    const closeTap = () => tap.close();
    this.once('close', closeTap);
    return tap;
  }

  /** Routers in use, primary first (for stats and tests). */
  get routers(): types.Router[] {
    return this.#routers.map((r) => r.router);
  }

  async #addRouter(slot: ReturnType<WorkerPool['leastLoaded']>): Promise<RouterEntry> {
    const router = await this.#pool.createRouter(slot, { roomId: this.id });
    const entry = { router, consumers: 0, peers: 0 };
    this.#routers.push(entry);
    // A dead worker closes its routers with 'workerclose': the room's media is gone.
    router.on('workerclose', () => {
      if (!this.#closed) this.emit('medialost');
    });
    return entry;
  }

  /**
   * The router a new peer's transports go on: the first with room for its consumers, else
   * a new router on a worker this room does not use yet. A room already on every worker
   * overfills its least-loaded router: a second router on the same worker would add pipe
   * cost and no CPU (and mediasoup cannot pipe a producer within one worker keeping its id).
   * Peers count with their expected consumers from the moment they are placed, so a class
   * joining at the bell does not all land on one router before its consumers exist.
   */
  async routerForNewPeer(): Promise<types.Router> {
    const need = this.#options.expectedConsumersPerPeer;
    const load = (r: RouterEntry) => Math.max(r.consumers, r.peers * need);
    const live = this.#routers.filter((r) => !r.router.closed);
    let entry = live.find((r) => load(r) + need <= this.#options.consumersPerRouter);
    if (!entry) {
      const used = new Set<number>();
      for (const r of live) {
        const slot = this.#pool.slotOf(r.router);
        if (slot) used.add(slot.index);
      }
      const free = this.#pool.slots.filter((s) => !s.worker.closed && !used.has(s.index));
      entry =
        free.length > 0
          ? await this.#addRouter(this.#pool.leastLoaded(used))
          : live.reduce((a, b) => (load(a) <= load(b) ? a : b));
    }
    entry.peers += 1;
    return entry.router;
  }

  /** A peer placed by routerForNewPeer() left: its share of the router is free again. */
  releasePeer(router: types.Router): void {
    const entry = this.#routers.find((r) => r.router === router);
    if (entry && entry.peers > 0) entry.peers -= 1;
  }

  async createWebRtcTransport(
    router: types.Router,
    appData: types.AppData,
  ): Promise<types.WebRtcTransport> {
    const slot = this.#pool.slotOf(router);
    if (!slot) throw new Error('router is not in the pool');
    return router.createWebRtcTransport({
      webRtcServer: slot.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      // With the layer policy, a downlink's estimate starts low and is earned by probing
      // (a thin link is not first assumed to carry 1 Mbit/s: issue #14).
      initialAvailableOutgoingBitrate: this.#options.link === false ? 1_000_000 : 300_000,
      appData,
    });
  }

  /**
   * A PlainTransport on one of this room's routers: for RTP sources and sinks that are not
   * browsers (the benchmark's load receivers and generated publishers, a recorder).
   */
  async createPlainTransport(
    router: types.Router,
    options: types.PlainTransportOptions,
  ): Promise<types.PlainTransport> {
    if (!this.#pool.slotOf(router)) throw new Error('router is not in the pool');
    return router.createPlainTransport(options);
  }

  /** Makes a producer known to the room, on the router its transport is on. */
  addProducer(producer: types.Producer, router: types.Router): void {
    this.#producers.set(producer.id, { producer, routers: new Set([router]) });
    producer.observer.once('close', () => this.#producers.delete(producer.id));
  }

  async #ensureOn(producerId: string, router: types.Router): Promise<void> {
    const entry = this.#producers.get(producerId);
    if (!entry) throw new Error(`producer ${producerId} not found`);
    if (entry.routers.has(router)) return;
    const key = `${producerId}:${router.id}`;
    let pending = this.#piping.get(key);
    if (!pending) {
      const [origin] = entry.routers;
      if (!origin) throw new Error(`producer ${producerId} has no router`);
      pending = origin
        .pipeToRouter({ producerId, router })
        .then(() => void entry.routers.add(router))
        .finally(() => this.#piping.delete(key));
      this.#piping.set(key, pending);
    }
    await pending;
  }

  /**
   * A paused consumer of the producer on the transport's router (piping the producer there
   * first if it lives elsewhere). Paused so no first packets, and no keyframe, are lost
   * before the client has its side ready.
   */
  async consume(
    transport: types.WebRtcTransport | types.PlainTransport,
    router: types.Router,
    producerId: string,
    rtpCapabilities: types.RtpCapabilities,
    appData: types.AppData,
  ): Promise<types.Consumer | undefined> {
    await this.#ensureOn(producerId, router);
    if (!router.canConsume({ producerId, rtpCapabilities })) return undefined;
    const consumer = await transport.consume({
      producerId,
      rtpCapabilities,
      paused: true,
      appData,
    });
    const entry = this.#routers.find((r) => r.router === router);
    if (entry) {
      entry.consumers += 1;
      consumer.observer.once('close', () => (entry.consumers -= 1));
    }
    return consumer;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const { router } of this.#routers) router.close();
    this.#producers.clear();
    this.emit('close');
  }
}

/** The live rooms' media over mediasoup: one MediaRoom per live room, on the pool's workers. */
export function mediasoupMedia(
  pool: WorkerPool,
  options: MediaRoomOptions,
): MediaFactory<MediaRoom> {
  return (roomId) => MediaRoom.create(pool, roomId, options).catch(fromMediasoup);
}
