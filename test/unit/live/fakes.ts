// A fake connection and fake media for driving a LiveRoom without a worker or a socket.
// They keep what happened (messages sent, calls made, in order) for the tests to read; they
// decide nothing the room should decide.
import type { MediaSource, NewConsumer } from '../../../shared/signaling/events';
import type { RtpCapabilities, RtpParameters } from '../../../shared/signaling/rtp';
import type {
  ClientAnswer,
  Connection,
  LivePorts,
  MediaSession,
  PublishedTrack,
  Pushes,
  ReceivedTrack,
  ReceivedTrackEvents,
  RecorderTap,
  RoomMedia,
  TransportOffer,
} from '../../../server/live/ports';

/** How a fake client answers a consumer offer. */
export type AckMode = 'ok' | 'never' | 'manual' | 'refuse';

export class FakeConnection implements Connection {
  readonly sent: { event: keyof Pushes; payload: unknown }[] = [];
  readonly offers: NewConsumer[] = [];
  readonly channels = new Set<string>();
  /** offers waiting for `answer()` (ack mode 'manual') */
  readonly pending: ((a: ClientAnswer) => void)[] = [];
  closed = false;
  closeReason: string | undefined;
  ackMode: AckMode;
  readonly log: string[];

  constructor(log: string[] = [], ackMode: AckMode = 'ok') {
    this.log = log;
    this.ackMode = ackMode;
  }

  send<E extends keyof Pushes>(event: E, payload: Pushes[E]): void {
    this.sent.push({ event, payload });
  }

  of<E extends keyof Pushes>(event: E): Pushes[E][] {
    return this.sent.filter((m) => m.event === event).map((m) => m.payload as Pushes[E]);
  }

  offerConsumer(consumer: NewConsumer, timeoutMs: number): Promise<ClientAnswer> {
    this.offers.push(consumer);
    this.log.push(`offer ${consumer.consumerId}`);
    switch (this.ackMode) {
      case 'ok':
        return Promise.resolve({ ok: true });
      case 'refuse':
        return Promise.resolve({ ok: false, message: 'no decoder' });
      case 'manual':
        return new Promise((resolve) => this.pending.push(resolve));
      case 'never':
        // What socket.io's timeout does: the ack never came.
        return new Promise((_resolve, reject) =>
          setTimeout(() => reject(new Error('operation has timed out')), timeoutMs),
        );
    }
  }

  /** Answers the oldest pending offer. */
  answer(reply: ClientAnswer = { ok: true }): void {
    this.pending.shift()?.(reply);
  }

  enter(channel: string): void {
    this.channels.add(channel);
  }

  leave(channel: string): void {
    this.channels.delete(channel);
  }

  close(reason?: string): void {
    this.closed = true;
    this.closeReason = reason;
  }
}

export class FakeTrack implements PublishedTrack {
  paused = false;
  constructor(
    readonly id: string,
    readonly source: MediaSource,
    readonly kind: 'audio' | 'video',
    readonly owner: FakeSession,
    readonly onClose: (t: PublishedTrack) => void,
  ) {}

  async setPaused(paused: boolean): Promise<void> {
    this.owner.media.log.push(`${paused ? 'pause' : 'resume'} producer ${this.id}`);
    this.paused = paused;
  }
}

export class FakeConsumer implements ReceivedTrack {
  closed = false;
  paused = true;
  layers: [number, number] | undefined;
  readonly rtpParameters: RtpParameters = { codecs: [] } as unknown as RtpParameters;
  readonly producerPaused = false;

  constructor(
    readonly id: string,
    readonly producer: FakeTrack,
    readonly peerId: string,
    readonly events: ReceivedTrackEvents,
    readonly log: string[],
  ) {}

  get producerId(): string {
    return this.producer.id;
  }

  get source(): MediaSource {
    return this.producer.source;
  }

  get kind(): 'audio' | 'video' {
    return this.producer.kind;
  }

  get type(): string {
    return this.producer.source === 'camera' ? 'simulcast' : 'simple';
  }

  async resume(): Promise<void> {
    if (this.closed) throw new Error('Consumer closed');
    this.log.push(`resume ${this.id}`);
    this.paused = false;
  }

  async pause(): Promise<void> {
    this.log.push(`pause ${this.id}`);
    this.paused = true;
  }

  async setLayers(spatial: number, temporal: number): Promise<void> {
    this.log.push(`layers ${this.id} ${spatial}`);
    this.layers = [spatial, temporal];
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.log.push(`close ${this.id}`);
  }
}

let ids = 0;
const nextId = (prefix: string) => `${prefix}${++ids}`;

export class FakeSession implements MediaSession {
  closed = false;
  readonly media: FakeMedia;
  readonly tracks = new Map<string, FakeTrack>();
  readonly consumers = new Map<string, FakeConsumer>();
  readonly transports = new Map<string, 'send' | 'recv'>();
  decoded: unknown[] = [];
  /** the downlink budget the room gave it (kbit/s) */
  downlinkCapKbps: number | undefined;

  constructor(media: FakeMedia) {
    this.media = media;
  }

  get canReceive(): boolean {
    return [...this.transports.values()].includes('recv');
  }

  setDownlinkCap(kbps: number | undefined): void {
    this.downlinkCapKbps = kbps;
  }

  published(): PublishedTrack[] {
    return [...this.tracks.values()];
  }

  receiving(): FakeConsumer[] {
    return [...this.consumers.values()].filter((c) => !c.closed);
  }

  receivedTrack(consumerId: string): FakeConsumer | undefined {
    const c = this.consumers.get(consumerId);
    return c && !c.closed ? c : undefined;
  }

  async createTransport(direction: 'send' | 'recv'): Promise<TransportOffer> {
    const id = nextId('t');
    this.transports.set(id, direction);
    return { id } as unknown as TransportOffer;
  }

  async connectTransport(): Promise<void> {}

  async restartIce(): Promise<TransportOffer['iceParameters']> {
    return { usernameFragment: 'u', password: 'p' } as TransportOffer['iceParameters'];
  }

  async restartAllIce() {
    return [...this.transports.keys()].map((id) => ({
      id,
      iceParameters: { usernameFragment: 'u', password: 'p' } as TransportOffer['iceParameters'],
    }));
  }

  async publish(
    _transportId: string,
    track: { kind: 'audio' | 'video'; source: MediaSource },
    _peerId: string,
    onClose: (t: PublishedTrack) => void,
  ): Promise<PublishedTrack> {
    const t = new FakeTrack(nextId('p'), track.source, track.kind, this, onClose);
    this.tracks.set(t.id, t);
    this.media.producers.set(t.id, t);
    return t;
  }

  unpublish(producerId: string): boolean {
    const t = this.tracks.get(producerId);
    if (!t) return false;
    this.tracks.delete(producerId);
    this.media.producers.delete(producerId);
    // As mediasoup does: every consumer of it learns, then closes.
    for (const session of this.media.sessions) {
      for (const c of session.receiving()) {
        if (c.producerId !== producerId) continue;
        c.events.producerClosed(c.id);
        c.close();
      }
    }
    t.onClose(t);
    return true;
  }

  async consumePaused(
    producerId: string,
    _caps: RtpCapabilities,
    about: { peerId: string; source: MediaSource },
    events: ReceivedTrackEvents,
  ): Promise<FakeConsumer | undefined> {
    const producer = this.media.producers.get(producerId);
    if (!producer || this.closed) return undefined;
    const c = new FakeConsumer(nextId('c'), producer, about.peerId, events, this.media.log);
    this.media.log.push(`consume ${c.id} paused`);
    this.consumers.set(c.id, c);
    return c;
  }

  reportDecoded(reports: unknown[]): void {
    this.decoded.push(...reports);
  }

  async stats() {
    return {
      recvBitrate: 1000,
      recvVideoBitrate: 800,
      sendBitrate: 500,
      rttMs: 10,
      lossFraction: 0,
      score: 10,
      frozen: false,
      receivedLayer: null,
    };
  }

  async teacherVideo() {
    return { forwardedKbps: 100, paused: false };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const c of this.consumers.values()) c.close();
    for (const id of [...this.tracks.keys()]) this.unpublish(id);
  }
}

export class FakeMedia implements RoomMedia<FakeSession> {
  closed = false;
  readonly rtpCapabilities = { codecs: [] } as unknown as RtpCapabilities;
  readonly sessions: FakeSession[] = [];
  readonly producers = new Map<string, FakeTrack>();
  readonly #lost: (() => void)[] = [];
  readonly log: string[];

  constructor(log: string[]) {
    this.log = log;
  }

  async newSession(): Promise<FakeSession> {
    const s = new FakeSession(this);
    this.sessions.push(s);
    return s;
  }

  onLost(listener: () => void): void {
    this.#lost.push(listener);
  }

  /** A recorder's tap: a consumer of any producer, as the fake sessions make them. */
  async openTap(): Promise<RecorderTap> {
    const tap = new FakeSession(this);
    return {
      get closed() {
        return tap.closed;
      },
      consume: async (producerId: string) => {
        const track = await tap.consumePaused(
          producerId,
          this.rtpCapabilities,
          { peerId: 'tap', source: this.producers.get(producerId)?.source ?? 'camera' },
          { producerClosed: () => undefined, layersChanged: () => undefined },
        );
        if (!track) return undefined;
        return Object.assign(track, {
          mediaLost: false,
          requestKeyFrame: async () => undefined,
          onClose: () => undefined,
        });
      },
      close: () => tap.close(),
    };
  }

  /** The worker under it died. */
  lose(): void {
    for (const s of this.sessions) s.closed = true;
    for (const l of this.#lost.splice(0)) l();
  }

  close(): void {
    this.closed = true;
  }
}

export interface FakePorts extends LivePorts {
  connection: FakeConnection;
  session: FakeSession;
  media: FakeMedia;
}
