import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io';
import type { types } from 'mediasoup';
import type { Principal } from '../../shared/auth';
import type {
  ClientToServerEvents,
  LiveRole,
  MediaSource,
  PeerInfo,
  ServerToClientEvents,
} from '../../shared/signaling/events';
import type { MediaPeer } from '../media/MediaPeer';

export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface ConsumerPrefs {
  visible: boolean;
  spatialLayer?: number;
  temporalLayer?: number;
}

/** One joined client: who it is, its socket (the sink), and its media. */
export class Participant {
  readonly peerId = randomUUID();
  readonly sessionId = randomUUID();
  readonly displayName: string;
  readonly role: LiveRole;
  /** the token's subject, for "a duplicate identity kicks the older session" */
  readonly identity: string | undefined;
  /** who the token says this is (absent for a room-code join) */
  readonly principal: Principal | undefined;
  /** the sink: replaced when the client resumes this session on a new connection */
  #socket: LiveSocket;
  /** when its connection dropped, while it may still resume; undefined while connected */
  detachedAt: number | undefined;
  /** known once the client creates its receive transport */
  rtpCapabilities: types.RtpCapabilities | undefined;
  readonly joinedAt: number;
  media: MediaPeer | undefined;
  handRaised = false;
  readonly prefs = new Map<string, ConsumerPrefs>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: {
    principal?: Principal;
    displayName: string;
    role: LiveRole;
    identity?: string;
    socket: LiveSocket;
    joinedAt: number;
  }) {
    this.displayName = options.displayName;
    this.role = options.role;
    this.identity = options.identity;
    this.principal = options.principal;
    this.#socket = options.socket;
    this.joinedAt = options.joinedAt;
  }

  get socket(): LiveSocket {
    return this.#socket;
  }

  /** The client came back on a new connection: the session, transports and media stay. */
  attach(socket: LiveSocket): void {
    this.#socket = socket;
    this.detachedAt = undefined;
  }

  get sources(): MediaSource[] {
    if (!this.media) return [];
    return [...this.media.producers.values()].map((p) => p.appData.source as MediaSource);
  }

  info(): PeerInfo {
    return {
      peerId: this.peerId,
      displayName: this.displayName,
      role: this.role,
      handRaised: this.handRaised,
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
