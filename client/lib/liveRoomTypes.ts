// The live-room client's public shapes: its options, what it emits, what it throws.
import type { types as ms } from 'mediasoup-client';
import type {
  ChatMessage,
  JoinReply,
  LiveRole,
  MediaSource,
  PeerInfo,
  PeerQuality,
  RoomKind,
} from '../../shared/signaling/events';
import type { ReconnectPolicy } from './reconnectPolicy';
import type { LayoutState, MicStates } from '../../shared/signaling/roomControls';
import type { AnnotationMessage } from '../../shared/signaling/annotation';
import type { PushedMaterial } from '../../shared/signaling/material';
import type { ReceptionNotice } from '../../shared/signaling/reception';

export type ConnectionState = 'idle' | 'joining' | 'joined' | 'reconnecting' | 'closed';

export interface RemoteTrack {
  consumerId: string;
  peerId: string;
  source: MediaSource;
  kind: 'audio' | 'video';
  track: MediaStreamTrack;
  /** 'simulcast' when the sender offers layers to choose from */
  type: string;
}

export interface JoinOptions {
  roomId: string;
  displayName: string;
  token?: string;
  roomCode?: string;
  role?: LiveRole;
  kind?: RoomKind;
}

export interface PublishOptions {
  encodings?: ms.RtpEncodingParameters[];
  codecOptions?: ms.ProducerCodecOptions;
}

export type LiveRoomClientEvents = {
  state: [ConnectionState];
  joined: [JoinReply];
  peers: [PeerInfo[]];
  consumer: [RemoteTrack];
  consumerClosed: [string];
  layers: [{ consumerId: string; spatialLayer: number | null }];
  stage: [string | null];
  chat: [ChatMessage];
  quality: [PeerQuality[]];
  /** what this client's downlink carries, as the server judged it */
  reception: [ReceptionNotice];
  closed: [{ reason: string; next?: { roomId: string; kind: RoomKind; token?: string } }];
  /** the server renewed this client's token: keep it where the token is kept */
  token: [{ token: string; expiresAt: number }];
  error: [Error];
  /** what the teacher pushed to the projectors now (null: nothing) */
  material: [PushedMaterial | null];
  transportState: [{ direction: 'send' | 'recv'; state: ms.ConnectionState }];
  /** what the projectors show now (the teacher's choice, held by the server) */
  layout: [LayoutState];
  /** the classrooms' microphones as the server enforces them */
  mics: [MicStates];
  /** 批注: a change of the teacher's strokes or pages (client/lib/annotation/) */
  annotation: [AnnotationMessage];
};

export class LiveRoomError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface LiveRoomClientOptions {
  /** server base URL, e.g. http://127.0.0.1:3000 ('' in the browser: same origin) */
  url: string;
  /** mediasoup-client handler; needed in Node (wrtc), detected in browsers */
  handlerName?: ms.BuiltinHandlerName;
  /** Node only: a CA to trust for https (a front door with its own certificate) */
  ca?: string;
  reconnect?: ReconnectPolicy;
  requestTimeoutMs?: number;
  /** 'relay': media only through the TURN server (networks where nothing else gets out) */
  iceTransportPolicy?: 'all' | 'relay';
  setTimer?: (fn: () => void, ms: number) => unknown;
  /** how often to tell the server what this client decoded (attendance); 0: never */
  receiveReportMs?: number;
}
