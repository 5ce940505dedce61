import { EventEmitter } from 'node:events';
import type {
  ChatMessage,
  LiveRole,
  MediaSource,
  PeerQuality,
  RoomKind,
} from '../../shared/signaling/events';
import type { DtlsParameters, RtpCapabilities, RtpParameters } from '../../shared/signaling/rtp';
import type { RoomView } from './policy';
import type { Participant } from './Participant';
import type { LivePorts, PublishedTrack } from './ports';
import { consoleLog, type Log } from '../log';
import { RoomError } from './RoomError';
import { RoomLayout } from './layout/RoomLayout';
import { RoomMics } from './mic/RoomMics';
import type { RoomControlsSnapshot } from '../../shared/signaling/roomControls';
import { sendsMedia, unseen } from '../../shared/signaling/roles';
import {
  recordedEvents,
  type LiveRoomEvents,
  type LiveRoomOptions,
  type NextFor,
} from './liveRoomTypes';
import { publishRefusal } from './publishRules';
import { reconcileReceiving, type ReceivingRoom } from './roomReceiving';

export type { LiveRoomEvents, LiveRoomOptions, NextFor } from './liveRoomTypes';

const CHAT_HISTORY = 50;

/**
 * A live room's rules and session state: participants, stage, hands, chat, and which
 * consumers each participant has, at which layer. It talks to each participant's client
 * through its Connection and to the media through a MediaSession per participant; it
 * knows neither socket.io nor mediasoup.
 */
export class LiveRoom<P extends LivePorts = LivePorts> extends EventEmitter<LiveRoomEvents<P>> {
  readonly id: string;
  readonly kind: RoomKind;
  readonly code: string | undefined;
  readonly scheduled: boolean;
  readonly #participants = new Map<string, Participant<P>>();
  #stagePeerId: string | null = null;
  readonly #chat: ChatMessage[] = [];
  readonly #options: LiveRoomOptions<P>;
  #media: Promise<P['media']> | undefined;
  #closed = false;
  #recordingWanted = false;
  /** what the projectors show, and the classrooms' microphones (server/live/layout, mic) */
  readonly layout: RoomLayout<P>;
  readonly mics: RoomMics<P>;
  /** what the receive path (roomReceiving.ts) sees of this room */
  readonly #receiving: ReceivingRoom<P>;

  constructor(options: LiveRoomOptions<P>) {
    super();
    this.id = options.id;
    this.kind = options.kind;
    this.code = options.code;
    this.scheduled = options.scheduled ?? false;
    this.#options = options;
    for (const event of recordedEvents) this.on(event, () => this.emit('changed'));
    this.layout = new RoomLayout(this);
    this.mics = new RoomMics(this);
    this.#receiving = {
      id: this.id,
      participants: this.#participants,
      view: () => this.#view,
      log: () => this.#log,
      ackTimeoutMs: options.consumerAckTimeoutMs ?? 10_000,
      reconcile: (viewer) => this.reconcile(viewer),
    };
  }

  /** The controls' state for a join or resume reply (a classroom that comes back sees it). */
  get controls(): RoomControlsSnapshot {
    return { layout: this.layout.state, mics: this.mics.states() };
  }

  /** a code room's teacher asked for it to be recorded */
  get recordingWanted(): boolean {
    return this.#recordingWanted;
  }

  setRecordingWanted(on: boolean): void {
    if (this.#recordingWanted === on) return;
    this.#recordingWanted = on;
    this.emit('recording', on);
  }

  get closed(): boolean {
    return this.#closed;
  }

  get participants(): ReadonlyMap<string, Participant<P>> {
    return this.#participants;
  }

  get stagePeerId(): string | null {
    return this.#stagePeerId;
  }

  get chat(): readonly ChatMessage[] {
    return this.#chat;
  }

  get #log(): Log {
    return this.#options.log ?? consoleLog;
  }

  get #view(): RoomView {
    return { kind: this.kind, stagePeerId: this.#stagePeerId };
  }

  /**
   * The broadcast group of its connections: a lesson and its research meeting share the
   * occurrence id, and their broadcasts must not reach each other.
   */
  get channel(): string {
    return `${this.kind}/${this.id}`;
  }

  get hasTeacher(): boolean {
    return [...this.#participants.values()].some((p) => p.role === 'teacher');
  }

  /** The room's media, made on first need and made again after it was lost. */
  mediaRoom(): Promise<P['media']> {
    if (!this.#media) {
      const creating = this.#options.media(this.id);
      this.#media = creating;
      creating.then(
        (media) => media.onLost(() => this.#onMediaLost(media)),
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
  static sees(viewer: { role: LiveRole }, other: { role: LiveRole }): boolean {
    return !unseen(other.role) || viewer.role === 'observer';
  }

  /** The others in the room that this participant may know of. */
  peersVisibleTo(viewer: Participant<P>): Participant<P>[] {
    return [...this.#participants.values()].filter((o) => o !== viewer && LiveRoom.sees(viewer, o));
  }

  /** Sends a peer event to every other participant that may see this one. */
  #tellOthers(about: Participant<P>, send: (to: Participant<P>) => void): void {
    for (const other of this.#participants.values()) {
      if (other !== about && LiveRoom.sees(other, about)) send(other);
    }
  }

  async add(participant: Participant<P>): Promise<void> {
    if (this.#closed) throw new RoomError('not_found', 'this room has closed; join again');
    // A duplicate identity (the same device or login twice) kicks the older session.
    if (participant.identity !== undefined) {
      for (const other of [...this.#participants.values()]) {
        if (other.identity === participant.identity) this.kick(other, 'signed in elsewhere');
      }
    }
    await this.giveMedia(participant);
    // Closed while its media was being made (the lesson ended meanwhile): not let in.
    if (this.#closed) {
      participant.media?.close();
      throw new RoomError('not_found', 'this room has closed; join again');
    }
    this.#participants.set(participant.peerId, participant);
    const info = participant.info();
    this.#tellOthers(participant, (o) => o.connection.send('peerJoined', info));
    participant.connection.enter(this.channel);
    this.emit('joined', participant);
  }

  /**
   * A recorder's tap on this room's media (producers as RTP, paused until resumed). With
   * the room's events (joined, producerAdded, producerClosed, stageChanged, chat…) it is
   * all a recorder needs; it lives until closed, or until the room's media goes.
   */
  async openTap(rtpCapabilities: RtpCapabilities) {
    if (this.#closed) throw new RoomError('not_found', 'this room has closed');
    return (await this.mediaRoom()).openTap(rtpCapabilities);
  }

  /** A media session for the participant on the room's (possibly rebuilt) media. */
  async giveMedia(participant: Participant<P>): Promise<P['session']> {
    const media = await this.mediaRoom();
    const session = await media.newSession();
    session.onLink?.(({ poor, reason, level, maxLevel }) =>
      participant.connection.send('reception', { poor, reason, level, maxLevel }),
    );
    participant.setMedia(session);
    return session;
  }

  /** Takes a participant out; `at` is when it really left (a dropped connection's time). */
  remove(participant: Participant<P>, at = this.#options.now()): void {
    if (this.#participants.get(participant.peerId) !== participant) return;
    this.#participants.delete(participant.peerId);
    participant.media?.close();
    participant.connection.leave(this.channel);
    this.#tellOthers(participant, (o) =>
      o.connection.send('peerLeft', { peerId: participant.peerId }),
    );
    this.emit('left', participant, at);
    if (this.#stagePeerId === participant.peerId) this.#setStage(null);
    if (this.#participants.size === 0) this.emit('empty');
  }

  /** Sends one participant away for good: told why (its client stops), then taken out. */
  dismiss(participant: Participant<P>, reason: string): void {
    participant.connection.send('roomClosed', { reason });
    this.remove(participant);
  }

  /** Dismisses it and drops its connection too (the same identity signed in again). */
  kick(participant: Participant<P>, reason: string): void {
    this.dismiss(participant, reason);
    participant.connection.close();
  }

  /** The others that may see it learn what it is now (hand, sources). */
  broadcastPeer(participant: Participant<P>): void {
    const info = participant.info();
    this.#tellOthers(participant, (o) => o.connection.send('peerUpdated', info));
  }

  /**
   * The client came back on a new connection with its session id: the connection is
   * swapped (the old one dropped). After a media loss it gets a new media session and must
   * build new transports (`mediaReset`). Then `catchUp` brings its media up to date.
   */
  async resume(
    participant: Participant<P>,
    connection: P['connection'],
  ): Promise<{ mediaReset: boolean }> {
    const lost = !participant.media || participant.media.closed;
    if (lost) await this.giveMedia(participant);
    const old = participant.connection;
    participant.attach(connection);
    if (old !== connection) old.close();
    connection.enter(this.channel);
    return { mediaReset: lost };
  }

  /**
   * New ICE credentials for each transport of a resumed session, and the consumers it
   * still has; those made while it was away went to the old connection: offered again.
   */
  async catchUp(participant: Participant<P>) {
    const media = this.#mediaOf(participant);
    const transports = await media.restartAllIce();
    void this.reconcile(participant);
    return { transports, consumerIds: media.receiving().map((c) => c.id) };
  }

  #mediaOf(participant: Participant<P>): P['session'] {
    const media = participant.media;
    if (!media || media.closed)
      throw new RoomError('not_joined', 'media session ended; join again');
    return media;
  }

  /** A send or receive transport; a receive transport starts the subscriptions. */
  async openTransport(
    participant: Participant<P>,
    direction: 'send' | 'recv',
    rtpCapabilities?: RtpCapabilities,
  ) {
    const media = this.#mediaOf(participant);
    if (direction === 'send' && !sendsMedia(participant.role)) {
      throw new RoomError('forbidden', `a ${participant.role} does not send media`);
    }
    if (direction === 'recv') {
      if (!rtpCapabilities) {
        throw new RoomError(
          'invalid_payload',
          'a recv transport needs rtpCapabilities',
          '/rtpCapabilities',
        );
      }
      participant.setReceiveCapabilities(rtpCapabilities);
    }
    const offer = await media.createTransport(direction, participant.peerId);
    // Consumers can be created before DTLS connects; the client's first consume connects it.
    if (direction === 'recv') void this.reconcile(participant);
    return offer;
  }

  connectTransport(participant: Participant<P>, transportId: string, dtls: DtlsParameters) {
    return this.#mediaOf(participant).connectTransport(transportId, dtls);
  }

  restartIce(participant: Participant<P>, transportId: string) {
    return this.#mediaOf(participant).restartIce(transportId);
  }

  /** Publishes a track, by the room's rules of who sends what. */
  async publish(
    participant: Participant<P>,
    track: {
      transportId: string;
      kind: 'audio' | 'video';
      rtpParameters: RtpParameters;
      source: MediaSource;
    },
  ): Promise<PublishedTrack> {
    const refusal = publishRefusal(participant.role, track, () =>
      this.#mediaOf(participant).published(),
    );
    if (refusal) throw refusal;
    const media = this.#mediaOf(participant);
    const published = await media.publish(
      track.transportId,
      { kind: track.kind, rtpParameters: track.rtpParameters, source: track.source },
      participant.peerId,
      (closed) => {
        this.broadcastPeer(participant);
        this.emit('producerClosed', participant, closed);
      },
    );
    this.broadcastPeer(participant);
    this.emit('producerAdded', participant, published);
    void this.reconcileAll();
    return published;
  }

  unpublish(participant: Participant<P>, producerId: string): void {
    if (!this.#mediaOf(participant).unpublish(producerId)) {
      throw new RoomError('not_found', `no producer ${producerId}`, '/producerId');
    }
  }

  /** Called once a participant's receive transport exists, and on every rule change. */
  reconcile(viewer: Participant<P>): Promise<void> {
    return viewer.serially(() => reconcileReceiving(this.#receiving, viewer));
  }

  reconcileAll(): Promise<void> {
    return Promise.all([...this.#participants.values()].map((p) => this.reconcile(p))).then(
      () => undefined,
    );
  }

  /** What the receiving screen shows: pauses, resumes, and picks the layer it needs. */
  async applyPrefs(
    viewer: Participant<P>,
    consumerId: string,
    prefs: { visible: boolean; spatialLayer?: number; temporalLayer?: number },
  ): Promise<void> {
    const consumer = viewer.media?.receivedTrack(consumerId);
    if (!consumer) throw new RoomError('not_found', `no consumer ${consumerId}`, '/consumerId');
    viewer.setPrefs(consumerId, prefs);
    if (!prefs.visible) {
      await consumer.pause();
      return;
    }
    if (consumer.type === 'simulcast' || consumer.type === 'svc') {
      await consumer.setLayers(prefs.spatialLayer ?? 2, prefs.temporalLayer ?? 2);
    }
    await consumer.resume();
  }

  raiseHand(participant: Participant<P>, raised: boolean): void {
    if (participant.role !== 'classroom')
      throw new RoomError('forbidden', 'only a classroom raises its hand');
    participant.setHand(raised);
    this.broadcastPeer(participant);
    this.emit('hand', participant, raised);
  }

  /** The teacher puts a classroom on stage (its hand goes down), or nobody (null). */
  putOnStage(by: Participant<P>, peerId: string | null): void {
    if (by.role !== 'teacher')
      throw new RoomError('forbidden', 'only the teacher puts a classroom on stage');
    if (peerId !== null) {
      const target = this.#participants.get(peerId);
      if (!target || target.role !== 'classroom') {
        throw new RoomError('not_found', `no classroom ${peerId} in this room`, '/peerId');
      }
      if (target.setHand(false)) this.emit('hand', target, false);
      this.broadcastPeer(target);
    }
    this.#setStage(peerId);
  }

  #setStage(peerId: string | null): void {
    this.#stagePeerId = peerId;
    for (const p of this.#participants.values()) p.connection.send('stageChanged', { peerId });
    this.emit('stageChanged', peerId);
    void this.reconcileAll();
  }

  addChat(from: Participant<P>, text: string): ChatMessage {
    if (unseen(from.role) && this.kind === 'lesson') {
      throw new RoomError('forbidden', '巡课不发言 an observer is unseen and does not chat');
    }
    const message = {
      fromPeerId: from.peerId,
      displayName: from.displayName,
      text,
      at: this.#options.now(),
    };
    this.#chat.push(message);
    if (this.#chat.length > CHAT_HISTORY) this.#chat.shift();
    for (const p of this.#participants.values()) p.connection.send('chat', message);
    this.emit('chat', message);
    return message;
  }

  /** Samples every participant's connection and tells the teachers and observers. */
  async sampleQuality(): Promise<PeerQuality[]> {
    const samples: PeerQuality[] = [];
    for (const p of this.#participants.values()) {
      if (!p.media) continue;
      samples.push({ peerId: p.peerId, ...(await p.media.stats()) });
    }
    const hidden = new Set<string>(
      [...this.#participants.values()].filter((p) => unseen(p.role)).map((p) => p.peerId),
    );
    const seen = samples.filter((q) => !hidden.has(q.peerId));
    for (const p of this.#participants.values()) {
      if (p.role === 'observer') p.connection.send('quality', samples);
      else if (p.role === 'teacher') p.connection.send('quality', seen);
    }
    this.emit('quality', samples);
    return samples;
  }

  /**
   * The media died (a worker): every participant's media is gone, but the room is not.
   * People, stage, raised hands and chat stay; each client is told to take its session
   * back, gets a media session on live media (`resume`), and publishes and subscribes
   * again. Attendance sees no one leave.
   */
  #onMediaLost(media: P['media']): void {
    if (this.#closed) return;
    this.#media = undefined;
    media.close();
    for (const p of this.#participants.values()) {
      p.setMedia(undefined);
      p.connection.send('rejoin', { reason: 'media server restarted' });
    }
  }

  /**
   * Ends the room; idempotent, and closes what it holds (participants' sessions, then its
   * media). With a reason the clients are told it is over (they stop); without one (server
   * shutdown) they are not, so they reconnect and rejoin when the server is back.
   */
  close(reason?: string, next?: NextFor<P>): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const p of [...this.#participants.values()]) {
      const where = next?.(p);
      if (reason) p.connection.send('roomClosed', { reason, ...(where ? { next: where } : {}) });
      this.remove(p);
    }
    void this.#media?.then(
      (m) => m.close(),
      () => undefined,
    );
    this.emit('close');
  }
}
