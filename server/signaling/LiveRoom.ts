import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type {
  ChatMessage,
  MediaSource,
  PeerQuality,
  RoomKind,
} from '../../shared/signaling/events';
import { MediaPeer } from '../media/MediaPeer';
import { MediaRoom } from '../media/MediaRoom';
import type { WorkerPool } from '../media/WorkerPool';
import { samplePeerStats } from '../media/peerStats';
import { initialSpatialLayer, shouldReceive } from './policy';
import type { Participant } from './Participant';
import { consoleLog, type Log } from '../log';
import { SignalingError } from './SignalingError';

/** Where a participant goes when the room closes (none: it just ends for them). */
export type NextFor = (
  participant: Participant,
) => { roomId: string; kind: RoomKind; token?: string } | undefined;

export interface LiveRoomOptions {
  id: string;
  kind: RoomKind;
  code?: string;
  /** admitted by the domain's gate (a lesson occurrence, a research session) */
  scheduled?: boolean;
  pool: WorkerPool;
  consumersPerRouter: number;
  now: () => number;
  /** how long the client has to set up a consumer before it is given up */
  consumerAckTimeoutMs?: number;
  log?: Log;
}

export interface LiveRoomEvents {
  joined: [participant: Participant];
  left: [participant: Participant, at: number];
  quality: [samples: PeerQuality[]];
  empty: [];
  /** Someone joined, left, published, raised a hand, went on stage, chatted (recording). */
  changed: [];
  /** A code room's teacher asked to start or stop recording it. */
  recording: [on: boolean];
}

const CHAT_HISTORY = 50;

/**
 * A live room's session state: participants, stage, hands, chat, and which consumers each
 * participant has. Media lives in a MediaRoom, created on first need and recreated after
 * a worker death.
 */
export class LiveRoom extends EventEmitter<LiveRoomEvents> {
  readonly id: string;
  readonly kind: RoomKind;
  readonly code: string | undefined;
  readonly scheduled: boolean;
  readonly participants = new Map<string, Participant>();
  stagePeerId: string | null = null;
  /** a code room's teacher asked for it to be recorded */
  recordingWanted = false;
  readonly chat: ChatMessage[] = [];
  readonly #options: LiveRoomOptions;
  #media: Promise<MediaRoom> | undefined;
  #closed = false;

  constructor(options: LiveRoomOptions) {
    super();
    this.id = options.id;
    this.kind = options.kind;
    this.code = options.code;
    this.scheduled = options.scheduled ?? false;
    this.#options = options;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get #log(): Log {
    return this.#options.log ?? consoleLog;
  }

  /**
   * The socket.io room of its sockets: a lesson and its research meeting share the
   * occurrence id, and their broadcasts must not reach each other.
   */
  get channel(): string {
    return `${this.kind}/${this.id}`;
  }

  get hasTeacher(): boolean {
    return [...this.participants.values()].some((p) => p.role === 'teacher');
  }

  mediaRoom(): Promise<MediaRoom> {
    if (!this.#media) {
      const o = this.#options;
      const creating = MediaRoom.create(o.pool, this.id, {
        consumersPerRouter: o.consumersPerRouter,
      });
      this.#media = creating;
      creating.then(
        (media) => media.once('medialost', () => this.#onMediaLost(media)),
        () => {
          if (this.#media === creating) this.#media = undefined;
        },
      );
    }
    return this.#media;
  }

  /**
   * The 巡课 observer is unseen: nobody but another observer learns it is there — not in
   * the peer list, not by an event, not in the quality samples.
   */
  static sees(viewer: Participant, other: Participant): boolean {
    return other.role !== 'observer' || viewer.role === 'observer';
  }

  /** The others in the room that this participant may know of. */
  peersVisibleTo(viewer: Participant): Participant[] {
    return [...this.participants.values()].filter((o) => o !== viewer && LiveRoom.sees(viewer, o));
  }

  /** Sends a peer event to every other participant that may see this one. */
  #tellOthers(about: Participant, send: (to: Participant) => void): void {
    for (const other of this.participants.values()) {
      if (other !== about && LiveRoom.sees(other, about)) send(other);
    }
  }

  async add(participant: Participant): Promise<void> {
    await this.giveMedia(participant);
    this.participants.set(participant.peerId, participant);
    const info = participant.info();
    this.#tellOthers(participant, (o) => o.socket.emit('peerJoined', info));
    void participant.socket.join(this.channel);
    this.emit('joined', participant);
    this.emit('changed');
  }

  /** A media session for the participant on the room's (possibly rebuilt) routers. */
  async giveMedia(participant: Participant): Promise<MediaPeer> {
    const media = await this.mediaRoom();
    participant.media = new MediaPeer(media, await media.routerForNewPeer());
    return participant.media;
  }

  /** Takes a participant out; `at` is when it really left (a dropped connection's time). */
  remove(participant: Participant, at = this.#options.now()): void {
    if (this.participants.get(participant.peerId) !== participant) return;
    this.participants.delete(participant.peerId);
    participant.media?.close();
    void participant.socket.leave(this.channel);
    this.#tellOthers(participant, (o) => o.socket.emit('peerLeft', { peerId: participant.peerId }));
    this.emit('left', participant, at);
    this.emit('changed');
    if (this.stagePeerId === participant.peerId) this.setStage(null);
    if (this.participants.size === 0) this.emit('empty');
  }

  /** Sends one participant away for good: told why (its client stops), then taken out. */
  dismiss(participant: Participant, reason: string): void {
    participant.socket.emit('roomClosed', { reason });
    this.remove(participant);
  }

  broadcastPeer(participant: Participant): void {
    const info = participant.info();
    this.#tellOthers(participant, (o) => o.socket.emit('peerUpdated', info));
    this.emit('changed');
  }

  /** Called once a participant's receive transport exists, and on every rule change. */
  reconcile(viewer: Participant): Promise<void> {
    return viewer.serially(() => this.#reconcile(viewer));
  }

  reconcileAll(): Promise<void> {
    return Promise.all([...this.participants.values()].map((p) => this.reconcile(p))).then(
      () => undefined,
    );
  }

  async #reconcile(viewer: Participant): Promise<void> {
    // A detached client (dropped connection) is brought up to date when it resumes.
    if (viewer.detachedAt !== undefined) return;
    const media = viewer.media;
    if (!media || media.closed || !media.recvTransport() || !this.participants.has(viewer.peerId))
      return;
    const room = { kind: this.kind, stagePeerId: this.stagePeerId };
    const wanted = new Map<string, { owner: Participant; producer: types.Producer }>();
    for (const owner of this.participants.values()) {
      for (const producer of owner.media?.producers.values() ?? []) {
        const source = producer.appData.source as MediaSource;
        if (shouldReceive(room, viewer, owner, source))
          wanted.set(producer.id, { owner, producer });
      }
    }
    for (const consumer of [...media.consumers.values()]) {
      if (!wanted.has(consumer.producerId)) {
        consumer.close();
        viewer.prefs.delete(consumer.id);
        viewer.socket.emit('consumerClosed', { consumerId: consumer.id });
      } else {
        wanted.delete(consumer.producerId);
        this.#applyStageLayer(viewer, consumer);
      }
    }
    for (const { owner, producer } of wanted.values()) {
      await this.#consume(viewer, owner, producer).catch((error: Error) => {
        this.#log.error(
          { room: this.id, peer: viewer.peerId, producer: producer.id, err: error.message },
          'consumer failed',
        );
      });
    }
  }

  /** A consumer the viewer already has may need another layer after a stage change. */
  #applyStageLayer(viewer: Participant, consumer: types.Consumer): void {
    if (
      consumer.type !== 'simulcast' ||
      viewer.prefs.get(consumer.id)?.spatialLayer !== undefined
    ) {
      return;
    }
    const owner = this.participants.get(consumer.appData.peerId as string);
    if (!owner) return;
    const room = { kind: this.kind, stagePeerId: this.stagePeerId };
    const layer = initialSpatialLayer(room, owner, consumer.appData.source as MediaSource);
    void consumer
      .setPreferredLayers({ spatialLayer: layer ?? 2, temporalLayer: 2 })
      .catch(() => undefined);
  }

  async #consume(viewer: Participant, owner: Participant, producer: types.Producer): Promise<void> {
    const media = viewer.media;
    if (!media || !viewer.rtpCapabilities) return;
    const source = producer.appData.source as MediaSource;
    const consumer = await media.consume(producer.id, viewer.rtpCapabilities, {
      peerId: owner.peerId,
      source,
    });
    if (!consumer) return;
    const room = { kind: this.kind, stagePeerId: this.stagePeerId };
    const layer = initialSpatialLayer(room, owner, source);
    if (layer !== undefined && consumer.type === 'simulcast') {
      await consumer.setPreferredLayers({ spatialLayer: layer, temporalLayer: 2 });
    }
    consumer.on('producerclose', () => {
      viewer.prefs.delete(consumer.id);
      viewer.socket.emit('consumerClosed', { consumerId: consumer.id });
    });
    consumer.on('layerschange', (layers) => {
      viewer.socket.emit('consumerLayers', {
        consumerId: consumer.id,
        spatialLayer: layers?.spatialLayer ?? null,
      });
    });
    const sink = viewer.socket;
    const reply = await sink
      .timeout(this.#options.consumerAckTimeoutMs ?? 10_000)
      .emitWithAck('newConsumer', {
        consumerId: consumer.id,
        producerId: producer.id,
        peerId: owner.peerId,
        kind: consumer.kind,
        source,
        rtpParameters: consumer.rtpParameters as never,
        type: consumer.type,
        producerPaused: consumer.producerPaused,
      })
      .catch(() => undefined);
    if (!reply?.ok) {
      this.#log.warn(
        { room: this.id, peer: viewer.peerId, consumer: consumer.id, err: reply?.error.message },
        reply ? 'client refused a consumer' : 'client did not ack a consumer',
      );
      consumer.close();
      // The client came back on a new connection meanwhile: offer it again there.
      if (viewer.socket !== sink && this.participants.get(viewer.peerId) === viewer) {
        void this.reconcile(viewer);
      }
      return;
    }
    // Resume only now that the client is ready, so the first keyframe is not lost.
    if (viewer.prefs.get(consumer.id)?.visible !== false) await consumer.resume();
  }

  async applyPrefs(
    viewer: Participant,
    consumerId: string,
    prefs: { visible: boolean; spatialLayer?: number; temporalLayer?: number },
  ): Promise<boolean> {
    const consumer = viewer.media?.consumers.get(consumerId);
    if (!consumer) return false;
    viewer.prefs.set(consumerId, prefs);
    if (!prefs.visible) {
      await consumer.pause();
      return true;
    }
    if (consumer.type === 'simulcast' || consumer.type === 'svc') {
      await consumer.setPreferredLayers({
        spatialLayer: prefs.spatialLayer ?? 2,
        temporalLayer: prefs.temporalLayer ?? 2,
      });
    }
    await consumer.resume();
    return true;
  }

  setStage(peerId: string | null): void {
    this.stagePeerId = peerId;
    for (const p of this.participants.values()) p.socket.emit('stageChanged', { peerId });
    this.emit('changed');
    void this.reconcileAll();
  }

  setRecordingWanted(on: boolean): void {
    if (this.recordingWanted === on) return;
    this.recordingWanted = on;
    this.emit('recording', on);
  }

  addChat(from: Participant, text: string): ChatMessage {
    if (from.role === 'observer' && this.kind === 'lesson') {
      throw new SignalingError('forbidden', '巡课不发言 an observer is unseen and does not chat');
    }
    const message = {
      fromPeerId: from.peerId,
      displayName: from.displayName,
      text,
      at: this.#options.now(),
    };
    this.chat.push(message);
    if (this.chat.length > CHAT_HISTORY) this.chat.shift();
    for (const p of this.participants.values()) p.socket.emit('chat', message);
    this.emit('changed');
    return message;
  }

  /** Samples every participant's connection and tells the teachers and observers. */
  async sampleQuality(): Promise<PeerQuality[]> {
    const samples: PeerQuality[] = [];
    for (const p of this.participants.values()) {
      if (!p.media) continue;
      samples.push({ peerId: p.peerId, ...(await samplePeerStats(p.media)) });
    }
    const unseen = new Set<string>(
      [...this.participants.values()].filter((p) => p.role === 'observer').map((p) => p.peerId),
    );
    const seen = samples.filter((q) => !unseen.has(q.peerId));
    for (const p of this.participants.values()) {
      if (p.role === 'observer') p.socket.emit('quality', samples);
      else if (p.role === 'teacher') p.socket.emit('quality', seen);
    }
    this.emit('quality', samples);
    return samples;
  }

  /**
   * The worker died: every participant's media is gone, but the room is not. People, stage,
   * raised hands and chat stay; each client is told to take its session back, gets a media
   * session on a live worker (`resume`), and publishes and subscribes again. Attendance
   * sees no one leave.
   */
  #onMediaLost(media: MediaRoom): void {
    if (this.#closed) return;
    this.#media = undefined;
    media.close();
    for (const p of this.participants.values()) {
      p.media = undefined;
      p.prefs.clear();
      p.socket.emit('rejoin', { reason: 'media server restarted' });
    }
  }

  /**
   * Ends the room. With a reason the clients are told it is over (they stop); without one
   * (server shutdown) they are not, so they reconnect and rejoin when the server is back.
   */
  close(reason?: string, next?: NextFor): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const p of [...this.participants.values()]) {
      const where = next?.(p);
      if (reason) p.socket.emit('roomClosed', { reason, ...(where ? { next: where } : {}) });
      this.remove(p);
    }
    void this.#media?.then(
      (m) => m.close(),
      () => undefined,
    );
  }
}
