// The two small interfaces a live room owns, and the media of the room as a whole. The
// room's rules are written against these alone: socket.io implements the connection
// (server/signaling/SocketConnection.ts), mediasoup the media (server/media/), and unit
// tests a fake of each (test/unit/live/fakes.ts).
import type {
  MediaSource,
  NewConsumer,
  PeerQuality,
  ServerToClientEvents,
} from '../../shared/signaling/events';
import type { TeacherVideoSample } from '../../shared/lessons';
import type { ReceptionNotice } from '../../shared/signaling/reception';
import type {
  DtlsParameters,
  RtpCapabilities,
  RtpParameters,
  TransportOptions,
} from '../../shared/signaling/rtp';

export type { RtpCapabilities };

/** Server → client messages the room pushes without waiting for an answer. */
export type Pushes = {
  [E in Exclude<keyof ServerToClientEvents, 'newConsumer'>]: Parameters<ServerToClientEvents[E]>[0];
};

/** What the client answered to a request the room made of it. */
export type ClientAnswer = { ok: true } | { ok: false; message: string };

/**
 * A participant's connection to its client: the sink for what the room tells it. A resume
 * swaps it for the new connection; the session, its transports and its media stay.
 */
export interface Connection {
  send<E extends keyof Pushes>(event: E, payload: Pushes[E]): void;
  /**
   * Offers a consumer and waits for the client to have its side ready. Rejects when no
   * answer comes within `timeoutMs` (or the connection is gone).
   */
  offerConsumer(consumer: NewConsumer, timeoutMs: number): Promise<ClientAnswer>;
  /** The broadcast group of a room (a lesson and its research meeting share an id). */
  enter(channel: string): void;
  leave(channel: string): void;
  /** Drops the connection; with a reason, the client is told first (`roomClosed`). */
  close(reason?: string): void;
}

/** A track a participant publishes. */
export interface PublishedTrack {
  readonly id: string;
  readonly source: MediaSource;
  readonly kind: 'audio' | 'video';
  readonly paused: boolean;
  /** Holds it in the media server (nobody receives it) or lets it through again. */
  setPaused(paused: boolean): Promise<void>;
}

/** One consumer: a viewer's copy of another participant's track, created paused. */
export interface ReceivedTrack {
  readonly id: string;
  readonly producerId: string;
  /** whose track, and which */
  readonly peerId: string;
  readonly source: MediaSource;
  readonly kind: 'audio' | 'video';
  /** 'simulcast' | 'svc' | 'simple' …: whether layers can be chosen */
  readonly type: string;
  readonly rtpParameters: RtpParameters;
  readonly producerPaused: boolean;
  readonly closed: boolean;
  resume(): Promise<void>;
  pause(): Promise<void>;
  setLayers(spatialLayer: number, temporalLayer: number): Promise<void>;
  close(): void;
}

/** What the room wants to hear of a consumer while it lives. */
export interface ReceivedTrackEvents {
  producerClosed(consumerId: string): void;
  layersChanged(consumerId: string, spatialLayer: number | null): void;
}

export type TransportOffer = TransportOptions;
export type PeerStats = Omit<PeerQuality, 'peerId'>;

/**
 * One participant's media: transports, published tracks, consumers. `close()` is
 * idempotent and closes everything the session holds.
 */
export interface MediaSession {
  readonly closed: boolean;
  /** a receive transport is up: consumers can be made */
  readonly canReceive: boolean;
  published(): PublishedTrack[];
  receiving(): ReceivedTrack[];
  receivedTrack(consumerId: string): ReceivedTrack | undefined;
  createTransport(direction: 'send' | 'recv', peerId: string): Promise<TransportOffer>;
  connectTransport(transportId: string, dtlsParameters: DtlsParameters): Promise<void>;
  restartIce(transportId: string): Promise<TransportOffer['iceParameters']>;
  /** Every transport's new ICE credentials, for a client that resumes on a new network. */
  restartAllIce(): Promise<{ id: string; iceParameters: TransportOffer['iceParameters'] }[]>;
  /** Publishes on a send transport; `onClose` runs when the track ends, however. */
  publish(
    transportId: string,
    track: { kind: 'audio' | 'video'; rtpParameters: RtpParameters; source: MediaSource },
    peerId: string,
    onClose: (track: PublishedTrack) => void,
  ): Promise<PublishedTrack>;
  unpublish(producerId: string): boolean;
  /** A paused consumer of the producer; undefined when the client cannot receive it. */
  consumePaused(
    producerId: string,
    rtpCapabilities: RtpCapabilities,
    about: { peerId: string; source: MediaSource },
    events: ReceivedTrackEvents,
  ): Promise<ReceivedTrack | undefined>;
  /** What the client says it decoded, for its own consumers only. */
  reportDecoded(
    reports: { consumerId: string; framesDecoded: number; freezeCount?: number }[],
  ): void;
  stats(): Promise<PeerStats>;
  /** What its downlink carries, on every change (a media without a layer policy: never). */
  onLink?(listener: (notice: ReceptionNotice) => void): void;
  /**
   * Its downlink's budget in kbit/s (undefined: none): the layer policy never plans more.
   * A media without a layer policy ignores it.
   */
  setDownlinkCap?(kbps: number | undefined): void;
  /** What it got of the given producers (the teacher's cameras) since the last sample. */
  teacherVideo(producerIds: ReadonlySet<string>): Promise<TeacherVideoSample>;
  close(): void;
}

/** Where a local receiver listens: RTP on `port`; RTCP on `rtcpPort`, or muxed without one. */
export interface TapDestination {
  ip: string;
  port: number;
  rtcpPort?: number;
}

/** A recorder's copy of one track, sent as RTP to a local receiver. */
export interface TappedTrack extends ReceivedTrack {
  /** whether it ended because the room's media died under it (a worker crashed) */
  readonly mediaLost: boolean;
  requestKeyFrame(): Promise<void>;
  /** Runs once when the track ends: producer gone, media lost, or closed. */
  onClose(listener: () => void): void;
}

/**
 * A recorder's way into a room's media: its producers, sent as RTP to a local receiver
 * (ffmpeg, GStreamer) — "just another client", without a browser. Each track is made
 * paused; resume it once the receiver listens, so its first keyframe is not lost. The
 * media side asks for a keyframe by itself whenever a track's layer changes: a receiver
 * cannot decode the switch otherwise.
 */
export interface RecorderTap {
  readonly closed: boolean;
  /** The producer, as RTP to `to`; undefined if the tap cannot receive it. */
  consume(producerId: string, to: TapDestination): Promise<TappedTrack | undefined>;
  /** Ends every track of the tap. Idempotent. */
  close(): void;
}

/** The media of one room: where its participants' sessions are made. */
export interface RoomMedia<S extends MediaSession = MediaSession> {
  readonly closed: boolean;
  readonly rtpCapabilities: RtpCapabilities;
  newSession(): Promise<S>;
  /** The media under the room died (a worker crashed): every session in it is gone. */
  onLost(listener: () => void): void;
  /** A recorder's tap on this room's producers, receiving what `rtpCapabilities` allow. */
  openTap(rtpCapabilities: RtpCapabilities): Promise<RecorderTap>;
  close(): void;
}

/**
 * What a room is built on: its participants' connections, their media sessions, and the
 * room's media. Production plugs socket.io and mediasoup in; unit tests plug fakes in.
 */
export interface LivePorts {
  connection: Connection;
  session: MediaSession;
  media: RoomMedia<this['session']>;
}

/** Makes the media of a new room (one per live room, placed by the media side). */
export type MediaFactory<M extends RoomMedia = RoomMedia> = (roomId: string) => Promise<M>;
