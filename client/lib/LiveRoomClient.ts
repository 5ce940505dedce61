// The live-room protocol for every screen and for the Node test peers: socket.io
// signaling + mediasoup-client, with reconnection that heals by itself. No DOM here.
import { Device } from 'mediasoup-client';
import type { types as ms } from 'mediasoup-client';
import type {
  Ack,
  JoinReply,
  MediaSource,
  NewConsumer,
  PeerInfo,
  Replies,
  RequestName,
  RequestPayload,
  ServerToClientEvents,
} from '../../shared/signaling/events';
import {
  onChecked,
  type Listener,
  type ServerMessageName,
} from '../../shared/signaling/serverMessages';
import type { RoomControlsSnapshot } from '../../shared/signaling/roomControls';
import { neverGiveUp } from './reconnectPolicy';
import { ReceiveReporter } from './receiveReport';
import { TypedEmitter } from './TypedEmitter';
import { RemoteTracks } from './remoteTracks';
import { createClientTransport, restartIceWhenDropped } from './clientTransports';
import { sendsMedia } from '../../shared/signaling/roles';
import { connected, openSignalingSocket, request, type ClientSocket } from './signalingSocket';
import {
  LiveRoomError,
  type ConnectionState,
  type JoinOptions,
  type LiveRoomClientEvents,
  type LiveRoomClientOptions,
  type PublishOptions,
  type RemoteTrack,
} from './liveRoomTypes';

export * from './liveRoomTypes';

export class LiveRoomClient extends TypedEmitter<LiveRoomClientEvents> {
  readonly #options: LiveRoomClientOptions;
  readonly #socket: ClientSocket;
  #state: ConnectionState = 'idle';
  #join: JoinOptions | undefined;
  #reply: JoinReply | undefined;
  #device: Device | undefined;
  #send: ms.Transport | undefined;
  #recv: ms.Transport | undefined;
  #recvReady: Promise<ms.Transport> | undefined;
  readonly #published = new Map<
    MediaSource,
    { track: MediaStreamTrack; options: PublishOptions; producer?: ms.Producer }
  >();
  readonly #tracks = new RemoteTracks(
    (remote) => this.emit('consumer', remote),
    (consumerId) => this.emit('consumerClosed', consumerId),
  );
  readonly #peers = new Map<string, PeerInfo>();
  #attempt = 0;
  #recovering = false;
  /** tells the server what this client decoded of its video, for attendance */
  readonly #reporter: ReceiveReporter;

  constructor(options: LiveRoomClientOptions) {
    super();
    this.#options = options;
    this.#reporter = new ReceiveReporter({
      everyMs: options.receiveReportMs ?? 2000,
      setTimer: (fn, ms) => this.#timer(fn, ms),
      stats: async () =>
        this.#state === 'joined' && this.#recv && !this.#recv.closed
          ? (await this.#recv.getStats()).values()
          : undefined,
      tracks: () =>
        this.#tracks.all
          .filter((t) => t.kind === 'video')
          .map((t) => ({ consumerId: t.consumerId, trackId: t.track.id })),
      send: (consumers) => this.request('receiveReport', { consumers }),
    });
    this.#socket = openSignalingSocket(options.url, options.ca);
    this.#listen();
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** The receive transport's stats (RTCStatsReport values): audio concealment, jitter… */
  async receiveStats(): Promise<unknown[]> {
    if (!this.#recv || this.#recv.closed) return [];
    return [...(await this.#recv.getStats()).values()];
  }

  get session(): JoinReply | undefined {
    return this.#reply;
  }

  get peers(): PeerInfo[] {
    return [...this.#peers.values()];
  }

  get remoteTracks(): RemoteTrack[] {
    return this.#tracks.all;
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.emit('state', state);
  }

  request<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<Replies[N]> {
    return request(this.#socket, name, payload, this.#options.requestTimeoutMs ?? 10_000);
  }

  /** Listens to a server message a teaching tool adds (questions, timer…), schema-checked. */
  listen<E extends ServerMessageName>(
    event: E,
    handle: (payload: Parameters<ServerToClientEvents[E]>[0]) => void,
  ): () => void {
    // A gate the caller can shut: the checked listener stays, what it hands on stops.
    let live = true;
    onChecked(this.#socket as unknown as Listener, event, (payload) => live && handle(payload));
    return () => {
      live = false;
    };
  }

  /** Connects and joins; afterwards the client keeps itself joined until `close()`. */
  async join(options: JoinOptions): Promise<JoinReply> {
    this.#join = options;
    this.#setState('joining');
    try {
      await connected(this.#socket);
      return await this.#startSession();
    } catch (error) {
      // A refused join leaves no room behind: a later reconnect must not join it by itself.
      if (this.#join === options && this.#state === 'joining') {
        this.#join = undefined;
        this.#dropMedia();
        this.#setState('idle');
      }
      throw error;
    }
  }

  async #startSession(previousSessionId?: string): Promise<JoinReply> {
    const join = this.#join;
    if (!join) throw new Error('join() first');
    this.#dropMedia();
    const reply = await this.request('join', {
      ...join,
      ...(previousSessionId ? { previousSessionId } : {}),
    });
    this.#adopt(reply);
    await this.#setupMedia(reply);
    this.#attempt = 0;
    this.#setState('joined');
    this.#reporter.start();
    this.emit('joined', reply);
    this.emit('peers', this.peers);
    this.emit('stage', reply.stagePeerId);
    return reply;
  }

  #adopt(reply: JoinReply): void {
    this.#reply = reply;
    this.#peers.clear();
    for (const peer of reply.peers) this.#peers.set(peer.peerId, peer);
    if (reply.controls) this.#controls(reply.controls);
  }

  #controls(change: Partial<RoomControlsSnapshot>): void {
    const reply = this.#reply;
    if (!reply?.controls) return;
    reply.controls = { ...reply.controls, ...change };
    if (change.layout) this.emit('layout', change.layout);
    if (change.mics) this.emit('mics', change.mics);
  }

  /** New transports on the session's router; what this client publishes, published again. */
  async #setupMedia(reply: JoinReply): Promise<void> {
    this.#dropMedia();
    const device = new Device(
      this.#options.handlerName ? { handlerName: this.#options.handlerName } : {},
    );
    await device.load({ routerRtpCapabilities: reply.routerRtpCapabilities as ms.RtpCapabilities });
    this.#device = device;
    if (sendsMedia(reply.role)) this.#send = await this.#createTransport('send');
    this.#recvReady = this.#createTransport('recv');
    this.#recv = await this.#recvReady;
    // A role that only receives (a second PC) keeps its tracks unsent.
    for (const [source, entry] of this.#send ? this.#published : []) {
      entry.producer = await this.#produce(source, entry.track, entry.options);
    }
  }

  /**
   * Takes the same session back — after a dropped connection (same transports, producers
   * and consumers: ICE restarted with new credentials, state synced) or after the server
   * lost the media (a worker died: new transports on the rebuilt room, same people, stage
   * and chat).
   */
  async #resume(): Promise<void> {
    const sessionId = this.#reply?.sessionId;
    if (!sessionId) throw new LiveRoomError('not_found', 'no session to resume');
    const reply = await this.request('resume', { sessionId });
    this.#adopt(reply);
    if (reply.mediaReset) {
      await this.#setupMedia(reply);
    } else {
      const local = [this.#send, this.#recv].filter((t): t is ms.Transport => !!t && !t.closed);
      for (const { id, iceParameters } of reply.transports) {
        await local.find((t) => t.id === id)?.restartIce({ iceParameters });
      }
      this.#tracks.keep(reply.consumerIds);
    }
    this.#attempt = 0;
    this.#setState('joined');
    this.emit('peers', this.peers);
    this.emit('stage', reply.stagePeerId);
  }

  async #createTransport(direction: 'send' | 'recv'): Promise<ms.Transport> {
    const device = this.#device;
    if (!device) throw new Error('device not loaded');
    const transport = await createClientTransport(device, direction, this.#request, {
      servers: this.#reply?.iceServers ?? [],
      policy: this.#options.iceTransportPolicy,
    });
    transport.on('connectionstatechange', (state) => {
      this.emit('transportState', { direction: transport.direction, state });
      restartIceWhenDropped(transport, state, this.#request, this.#timer.bind(this), () =>
        this.#recover('ice restart failed'),
      );
    });
    return transport;
  }

  readonly #request = <N extends RequestName>(name: N, payload: RequestPayload<N>) =>
    this.request(name, payload);

  #timer(fn: () => void, ms: number): void {
    (this.#options.setTimer ?? setTimeout)(fn, ms);
  }

  async #produce(
    source: MediaSource,
    track: MediaStreamTrack,
    options: PublishOptions,
  ): Promise<ms.Producer> {
    if (!this.#send) throw new LiveRoomError('forbidden', 'this role does not send media');
    return this.#send.produce({
      track,
      stopTracks: false,
      ...(options.encodings ? { encodings: options.encodings } : {}),
      ...(options.codecOptions ? { codecOptions: options.codecOptions } : {}),
      appData: { source },
    });
  }

  /** Publishes a track as `source`; it is published again by itself after a rejoin. */
  async publish(
    source: MediaSource,
    track: MediaStreamTrack,
    options: PublishOptions = {},
  ): Promise<string> {
    const entry: { track: MediaStreamTrack; options: PublishOptions; producer?: ms.Producer } = {
      track,
      options,
    };
    this.#published.set(source, entry);
    if (this.#state !== 'joined') return '';
    entry.producer = await this.#produce(source, track, options);
    return entry.producer.id;
  }

  async unpublish(source: MediaSource): Promise<void> {
    const entry = this.#published.get(source);
    this.#published.delete(source);
    if (!entry?.producer || entry.producer.closed) return;
    entry.producer.close();
    await this.request('closeProducer', { producerId: entry.producer.id }).catch(() => undefined);
  }

  /** What the screen shows of a consumer: hidden tiles are paused, small ones get low layers. */
  setConsumerPrefs(
    consumerId: string,
    prefs: { visible: boolean; spatialLayer?: number },
  ): Promise<void> {
    return this.request('consumerPrefs', { consumerId, ...prefs }).then(() => undefined);
  }

  raiseHand(raised: boolean): Promise<void> {
    return this.request('raiseHand', { raised }).then(() => undefined);
  }

  setStage(peerId: string | null): Promise<void> {
    return this.request('setStage', { peerId }).then(() => undefined);
  }

  sendChat(text: string): Promise<void> {
    return this.request('chat', { text }).then(() => undefined);
  }

  async #onNewConsumer(c: NewConsumer): Promise<Ack<Record<string, never>>> {
    try {
      const recv = await this.#recvReady;
      if (!recv || recv.closed) throw new Error('no receive transport');
      await this.#tracks.add(recv, c);
      return { ok: true, data: {} };
    } catch (error) {
      return { ok: false, error: { code: 'media_error', message: (error as Error).message } };
    }
  }

  #listen(): void {
    const s = this.#socket;
    // Every server message is checked against its schema (shared/signaling/serverMessages.ts).
    const on = <E extends ServerMessageName>(
      event: E,
      handle: (payload: Parameters<ServerToClientEvents[E]>[0], ...ack: unknown[]) => void,
    ) => onChecked(s as unknown as Listener, event, handle);
    on(
      'newConsumer',
      (c, ack) => void this.#onNewConsumer(c).then(ack as (r: Ack<Record<string, never>>) => void),
    );
    on('consumerClosed', ({ consumerId }) => this.#tracks.close(consumerId));
    on('consumerLayers', (layers) => this.emit('layers', layers));
    on('peerJoined', (peer) => this.#updatePeer(peer));
    on('peerUpdated', (peer) => this.#updatePeer(peer));
    on('peerLeft', ({ peerId }) => {
      this.#peers.delete(peerId);
      this.emit('peers', this.peers);
    });
    on('stageChanged', ({ peerId }) => {
      if (this.#reply) this.#reply.stagePeerId = peerId;
      this.emit('stage', peerId);
    });
    on('chat', (m) => this.emit('chat', m));
    on('quality', (q) => this.emit('quality', q));
    // The room's controls (projector layout, microphones): kept on the session, told on.
    on('layoutChanged', (layout) => this.#controls({ layout }));
    on('micStates', (mics) => this.#controls({ mics }));
    on('annotation', (m) => this.emit('annotation', m));
    on('reception', (r) => this.emit('reception', r));
    on('rejoin', ({ reason }) => this.#recover(reason));
    on('materialPushed', ({ material }) => {
      if (this.#reply) this.#reply.material = material;
      this.emit('material', material);
    });
    on('tokenRefreshed', (fresh) => {
      // The next join (after a restart, a worker death) must not present an expired token.
      if (this.#join?.token) this.#join = { ...this.#join, token: fresh.token };
      this.emit('token', fresh);
    });
    on('roomClosed', (info) => {
      this.#reporter.stop();
      this.#dropMedia();
      this.#setState('closed');
      this.emit('closed', info);
    });
    s.on('disconnect', () => {
      if (this.#state === 'joined' || this.#state === 'joining') this.#setState('reconnecting');
    });
    // The namespace's own connect (not the manager's reconnect, which comes before the
    // namespace is joined): only then can requests go out.
    s.on('connect', () => {
      if (this.#state === 'reconnecting') this.#recover('connection dropped');
    });
  }

  #updatePeer(peer: PeerInfo): void {
    if (peer.peerId === this.#reply?.peerId) return;
    this.#peers.set(peer.peerId, peer);
    this.emit('peers', this.peers);
  }

  /**
   * Heals whatever broke: resume the session if the server still has it, else start a new
   * one (same room, previous session dropped); retried per the policy, for ever by default.
   */
  #recover(reason: string): void {
    if (this.#recovering || this.#state === 'closed' || !this.#join) return;
    this.#recovering = true;
    this.#setState('reconnecting');
    const policy = this.#options.reconnect ?? neverGiveUp();
    const attempt = () => {
      if (this.#state === 'closed') return;
      if (!this.#socket.connected) {
        // socket.io reconnects by itself; its 'connect' brings us back here.
        this.#recovering = false;
        return;
      }
      this.#resume()
        .catch((error: unknown) => {
          // The server no longer knows the session (restarted, or it expired): a new one.
          if (error instanceof LiveRoomError && error.code === 'not_found') {
            return this.#startSession(this.#reply?.sessionId).then(() => undefined);
          }
          throw error;
        })
        .then(() => {
          this.#recovering = false;
        })
        .catch((error: Error) => {
          this.emit('error', new Error(`recovery after ${reason} failed: ${error.message}`));
          const delay = policy.nextRetryDelayMs(this.#attempt++);
          if (delay === null) {
            this.#recovering = false;
            this.#setState('closed');
            return;
          }
          this.#timer(attempt, delay);
        });
    };
    attempt();
  }

  #dropMedia(): void {
    this.#tracks.closeAll();
    this.#send?.close();
    this.#recv?.close();
    this.#send = undefined;
    this.#recv = undefined;
    this.#recvReady = undefined;
  }

  /** Leaves the room and stops reconnecting. Published tracks stay the caller's to stop. */
  async close(): Promise<void> {
    this.#reporter.stop();
    if (this.#state === 'closed') return;
    if (this.#socket.connected && this.#reply)
      await this.request('leave', {}).catch(() => undefined);
    this.#dropMedia();
    this.#setState('closed');
    this.#socket.disconnect();
  }
}
