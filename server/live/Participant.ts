import { randomUUID } from 'node:crypto';
import type { Principal } from '../../shared/auth';
import type { LiveRole, MediaSource, PeerInfo } from '../../shared/signaling/events';
import type { LivePorts, RtpCapabilities } from './ports';

export interface ConsumerPrefs {
  visible: boolean;
  spatialLayer?: number;
  temporalLayer?: number;
}

export interface ParticipantOptions<C> {
  principal?: Principal;
  displayName: string;
  role: LiveRole;
  identity?: string;
  connection: C;
  joinedAt: number;
}

/**
 * One joined client: who it is, its connection (the sink, swapped on resume) and its media
 * session. Its state is changed only through methods; the room decides when.
 */
export class Participant<P extends LivePorts = LivePorts> {
  readonly peerId = randomUUID();
  readonly sessionId = randomUUID();
  readonly displayName: string;
  readonly role: LiveRole;
  /** the token's subject, for "a duplicate identity kicks the older session" */
  readonly identity: string | undefined;
  /** who the token says this is (absent for a room-code join) */
  readonly principal: Principal | undefined;
  readonly joinedAt: number;
  #connection: P['connection'];
  #detachedAt: number | undefined;
  #rtpCapabilities: RtpCapabilities | undefined;
  #media: P['session'] | undefined;
  #handRaised = false;
  #downlinkCapKbps: number | undefined;
  readonly #prefs = new Map<string, ConsumerPrefs>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ParticipantOptions<P['connection']>) {
    this.displayName = options.displayName;
    this.role = options.role;
    this.identity = options.identity;
    this.principal = options.principal;
    this.#connection = options.connection;
    this.joinedAt = options.joinedAt;
  }

  /** the classroom a classroom PC (or its second PC) stands for */
  get classroomId(): string | undefined {
    return this.principal?.classroomId;
  }

  get connection(): P['connection'] {
    return this.#connection;
  }

  /** when its connection dropped, while it may still resume; undefined while connected */
  get detachedAt(): number | undefined {
    return this.#detachedAt;
  }

  /** known once the client creates its receive transport */
  get rtpCapabilities(): RtpCapabilities | undefined {
    return this.#rtpCapabilities;
  }

  get media(): P['session'] | undefined {
    return this.#media;
  }

  get handRaised(): boolean {
    return this.#handRaised;
  }

  /** The client came back on a new connection: the session, transports and media stay. */
  attach(connection: P['connection']): void {
    this.#connection = connection;
    this.#detachedAt = undefined;
  }

  /** Its connection dropped at `at`; it may still resume. */
  detach(at: number): void {
    this.#detachedAt = at;
  }

  setReceiveCapabilities(capabilities: RtpCapabilities): void {
    this.#rtpCapabilities = capabilities;
  }

  /** Set by the room: a new media session, or none after the media was lost. */
  setMedia(media: P['session'] | undefined): void {
    this.#media = media;
    if (!media) this.#prefs.clear();
    // A media rebuilt after a loss keeps the school's budget.
    else if (this.#downlinkCapKbps !== undefined) media.setDownlinkCap?.(this.#downlinkCapKbps);
  }

  /** its share of its school's downlink budget (kbit/s); undefined: none */
  get downlinkCapKbps(): number | undefined {
    return this.#downlinkCapKbps;
  }

  /** Set by the node's budgets (server/live/budget): applied to its media now and later. */
  setDownlinkCap(kbps: number | undefined): void {
    if (kbps === this.#downlinkCapKbps) return;
    this.#downlinkCapKbps = kbps;
    this.#media?.setDownlinkCap?.(kbps);
  }

  /** Whether it changed. */
  setHand(raised: boolean): boolean {
    if (this.#handRaised === raised) return false;
    this.#handRaised = raised;
    return true;
  }

  prefsOf(consumerId: string): ConsumerPrefs | undefined {
    return this.#prefs.get(consumerId);
  }

  setPrefs(consumerId: string, prefs: ConsumerPrefs): void {
    this.#prefs.set(consumerId, prefs);
  }

  forgetPrefs(consumerId: string): void {
    this.#prefs.delete(consumerId);
  }

  get sources(): MediaSource[] {
    return this.#media ? this.#media.published().map((t) => t.source) : [];
  }

  info(): PeerInfo {
    return {
      peerId: this.peerId,
      displayName: this.displayName,
      role: this.role,
      handRaised: this.#handRaised,
      sources: this.sources,
    };
  }

  /** Runs subscription changes for this participant one at a time, in order. */
  serially<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
