// The live-room signaling catalogue: every client → server request (name → payload schema →
// reply type) and every server → client message. One source for the server's validation,
// the socket.io typed interfaces, and the clients (browser and Node test peers).
import { Type, type Static } from '@sinclair/typebox';
import { DtlsParameters, RtpCapabilities, RtpParameters, type TransportOptions } from './rtp';
import {
  roomControlRequests,
  type RoomControlReplies,
  type RoomControlServerEvents,
  type RoomControlsSnapshot,
} from './roomControls';
import { annotationRequests, type AnnotationMessage, type AnnotationReplies } from './annotation';
import { questionRequests, type QuestionReplies, type QuestionServerEvents } from './questions';
import { PushMaterialRequest, type MaterialPushedMessage, type PushedMaterial } from './material';
import type { ReceptionNotice, ReceptionQuality } from './reception';

const Id = Type.String({ minLength: 1, maxLength: 128 });

/** What a participant is in the room. The server decides it, never the payload alone. */
export const LiveRole = Type.Union([
  Type.Literal('teacher'),
  Type.Literal('classroom'),
  Type.Literal('observer'),
  /** a participant of a teaching-research meeting: sends and receives everyone */
  Type.Literal('member'),
  /** a classroom's second PC (辅助屏): receives the lesson's pictures, sends nothing */
  Type.Literal('viewer'),
]);
export type LiveRole = Static<typeof LiveRole>;

/** What a producer carries; it decides who receives it and how it is shown. */
export const MediaSource = Type.Union([
  Type.Literal('camera'),
  Type.Literal('mic'),
  Type.Literal('screen'),
  Type.Literal('blackboard'),
]);
export type MediaSource = Static<typeof MediaSource>;

export const RoomKind = Type.Union([Type.Literal('lesson'), Type.Literal('research')]);
export type RoomKind = Static<typeof RoomKind>;

export const requests = {
  join: Type.Object({
    roomId: Id,
    displayName: Type.String({ minLength: 1, maxLength: 64 }),
    /** a server-issued token (login or device credential); decides role and access */
    token: Type.Optional(Type.String({ maxLength: 4096 })),
    /** a room code: enough to join a room that is not a scheduled lesson */
    roomCode: Type.Optional(Type.String({ minLength: 4, maxLength: 32 })),
    /** asked role; honoured only with a room code, and only as the room allows */
    role: Type.Optional(LiveRole),
    kind: Type.Optional(RoomKind),
    /** the id of this client's previous session, so the server can drop the stale one */
    previousSessionId: Type.Optional(Id),
  }),
  /** Takes a session back after a dropped connection: same transports, same media. */
  resume: Type.Object({ sessionId: Id }),
  createTransport: Type.Object({
    direction: Type.Union([Type.Literal('send'), Type.Literal('recv')]),
    /** what this client can receive: required for the recv transport */
    rtpCapabilities: Type.Optional(RtpCapabilities),
  }),
  connectTransport: Type.Object({ transportId: Id, dtlsParameters: DtlsParameters }),
  restartIce: Type.Object({ transportId: Id }),
  produce: Type.Object({
    transportId: Id,
    kind: Type.Union([Type.Literal('audio'), Type.Literal('video')]),
    rtpParameters: RtpParameters,
    source: MediaSource,
  }),
  closeProducer: Type.Object({ producerId: Id }),
  /** What the receiving screen shows: drives pause/resume and the preferred simulcast layer. */
  consumerPrefs: Type.Object({
    consumerId: Id,
    visible: Type.Boolean(),
    /** 0 = lowest simulcast layer; omitted = the highest */
    spatialLayer: Type.Optional(Type.Integer({ minimum: 0, maximum: 3 })),
    temporalLayer: Type.Optional(Type.Integer({ minimum: 0, maximum: 3 })),
  }),
  raiseHand: Type.Object({ raised: Type.Boolean() }),
  setStage: Type.Object({ peerId: Type.Union([Id, Type.Null()]) }),
  chat: Type.Object({ text: Type.String({ minLength: 1, maxLength: 1000 }) }),
  /**
   * What the browser decoded of its video consumers, cumulative, every ~2 s: attendance
   * grades a classroom by whether it really showed the teacher, not by its network alone.
   */
  receiveReport: Type.Object({
    consumers: Type.Array(
      Type.Object({
        consumerId: Id,
        framesDecoded: Type.Integer({ minimum: 0 }),
        /** Chromium counts freezes; other browsers leave it out */
        freezeCount: Type.Optional(Type.Integer({ minimum: 0 })),
      }),
      { maxItems: 32 },
    ),
  }),
  /** A code room's teacher starts or stops its recording (scheduled lessons follow the clock). */
  recording: Type.Object({ on: Type.Boolean() }),
  leave: Type.Object({}),
  ...roomControlRequests,
  ...annotationRequests,
  ...questionRequests,
  /** The teacher pushes one of the lesson's material to every projector (null: takes it off). */
  pushMaterial: PushMaterialRequest,
} as const;

export type RequestName = keyof typeof requests;
export type RequestPayload<N extends RequestName> = Static<(typeof requests)[N]>;

export interface PeerInfo {
  peerId: string;
  displayName: string;
  role: LiveRole;
  handRaised: boolean;
  /** sources this peer currently produces */
  sources: MediaSource[];
}

export interface ChatMessage {
  fromPeerId: string;
  displayName: string;
  text: string;
  at: number;
}

export interface JoinReply {
  sessionId: string;
  /** TURN servers with time-limited credentials, for networks that block the SFU's ports */
  iceServers: { urls: string[]; username: string; credential: string }[];
  peerId: string;
  role: LiveRole;
  kind: RoomKind;
  routerRtpCapabilities: RtpCapabilities;
  peers: PeerInfo[];
  stagePeerId: string | null;
  chat: ChatMessage[];
  /** the projector layout and the microphones' rules, as the server holds them now */
  controls?: RoomControlsSnapshot;
  /** what the teacher has pushed to the projectors now */
  material?: PushedMaterial | null;
}

/** A resumed session: the state to sync, and new ICE credentials for each transport. */
export interface ResumeReply extends JoinReply {
  /** the media was lost (worker died): build new transports, publish and subscribe again */
  mediaReset: boolean;
  transports: { id: string; iceParameters: TransportOptions['iceParameters'] }[];
  /** the consumers the server still has for this client; others are gone */
  consumerIds: string[];
}

export interface Replies extends RoomControlReplies, AnnotationReplies, QuestionReplies {
  join: JoinReply;
  resume: ResumeReply;
  createTransport: TransportOptions;
  connectTransport: Record<string, never>;
  restartIce: { iceParameters: TransportOptions['iceParameters'] };
  produce: { producerId: string };
  closeProducer: Record<string, never>;
  consumerPrefs: Record<string, never>;
  raiseHand: Record<string, never>;
  setStage: Record<string, never>;
  chat: Record<string, never>;
  receiveReport: Record<string, never>;
  recording: { recording: boolean };
  leave: Record<string, never>;
  pushMaterial: { material: PushedMaterial | null };
}

export type ErrorCode =
  | 'invalid_payload'
  /** the request's name is not in the catalogue */
  | 'unknown_request'
  | 'not_joined'
  | 'forbidden'
  | 'not_found'
  | 'room_full'
  | 'rate_limited'
  | 'media_error'
  /** the server cannot reach its store just now (Redis down): try again shortly */
  | 'unavailable'
  | 'internal'
  /** /research: the session closed, the minutes are read-only now */
  | 'read_only'
  /** /research: an update the minutes cannot take (not a Yjs update, an unknown section) */
  | 'invalid_update';

export interface AckError {
  code: ErrorCode;
  message: string;
  /** the offending field's path, for invalid_payload */
  field?: string;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export type ClientToServerEvents = {
  [N in RequestName]: (payload: RequestPayload<N>, ack: (reply: Ack<Replies[N]>) => void) => void;
};

export interface NewConsumer {
  consumerId: string;
  producerId: string;
  peerId: string;
  kind: 'audio' | 'video';
  source: MediaSource;
  rtpParameters: RtpParameters;
  /** simulcast/svc or single stream */
  type: string;
  producerPaused: boolean;
}

/** Connection quality of one peer, sampled at most once a second. */
export interface PeerQuality {
  peerId: string;
  /** bits per second the server receives from / sends to the peer */
  recvBitrate: number;
  /** of which video (cameras, screens) */
  recvVideoBitrate: number;
  sendBitrate: number;
  /** round-trip time in ms, from the transport's ICE/RTCP measurements */
  rttMs: number | null;
  /** fraction of packets lost on what the peer sends us (0..1) */
  lossFraction: number;
  /** mediasoup's 0..10 score of the peer's worst stream */
  score: number;
  /** a video the peer sends has stopped arriving (0 bit/s while not paused) */
  frozen: boolean;
  /** highest simulcast layer the peer currently receives, null if none */
  receivedLayer: number | null;
  /** what it receives, graded (the figures above are mostly what it sends) */
  reception?: ReceptionQuality;
}

export interface ServerToClientEvents extends RoomControlServerEvents, QuestionServerEvents {
  peerJoined: (peer: PeerInfo) => void;
  peerUpdated: (peer: PeerInfo) => void;
  peerLeft: (payload: { peerId: string }) => void;
  /** The client creates its local consumer, then acks; only then the server resumes it. */
  newConsumer: (consumer: NewConsumer, ack: (reply: Ack<Record<string, never>>) => void) => void;
  consumerClosed: (payload: { consumerId: string }) => void;
  consumerLayers: (payload: { consumerId: string; spatialLayer: number | null }) => void;
  stageChanged: (payload: { peerId: string | null }) => void;
  chat: (message: ChatMessage) => void;
  quality: (samples: PeerQuality[]) => void;
  /** The bearer's token, renewed before it runs out: use it for the next join, and keep it. */
  tokenRefreshed: (payload: { token: string; expiresAt: number }) => void;
  /** The server lost this client's media (worker died, room rebuilt): join again. */
  rejoin: (payload: { reason: string }) => void;
  /** The teacher pushed material to the projectors (or took it off). */
  materialPushed: (payload: MaterialPushedMessage) => void;
  /** What this participant's downlink carries now (issue #14): "网络较差" when poor. */
  reception: (notice: ReceptionNotice) => void;
  /** The room closed (lesson ended); `next` says where the client goes. */
  roomClosed: (payload: {
    reason: string;
    next?: { roomId: string; kind: RoomKind; token?: string };
  }) => void;
  /** 批注: one change of the teacher's strokes or pages (shared/signaling/annotation.ts) */
  annotation: (message: AnnotationMessage) => void;
}

/** Simulcast layers the teacher's camera sends, low → high (scaleResolutionDownBy). */
export const teacherCameraEncodings = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];

/** A member classroom's camera: two layers are enough for a tile and a stage view. */
export const classroomCameraEncodings = [
  { scaleResolutionDownBy: 2, maxBitrate: 250_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 900_000 },
];

/** Which simulcast layer a tile of this height (CSS px × devicePixelRatio) needs. */
export function layerForHeight(pixelHeight: number, layers: number): number {
  if (layers <= 1) return 0;
  if (pixelHeight <= 200) return 0;
  if (pixelHeight <= 400 || layers === 2) return Math.min(1, layers - 1);
  return layers - 1;
}
