// Server → client messages of /live, one schema each: the client checks what it receives
// (a message a newer server shapes differently is logged and dropped, never a crash). The
// schemas are loose where the client hands the value on to a library that checks it itself
// (rtpParameters go to mediasoup-client), and allow fields they do not name.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { listenChecked, type Listener } from '../checkedListener';
import { LiveRole, MediaSource, RoomKind, type ServerToClientEvents } from './events';
import { roomControlMessages } from './roomControls';
import { AnnotationMessageSchema } from './annotation';
import { questionServerMessages } from './questions';
import { MaterialPushedMessage } from './material';
import { ReceptionNotice, ReceptionQuality } from './reception';

const Id = Type.String({ minLength: 1, maxLength: 256 });
const Layer = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);

const PeerInfo = Type.Object({
  peerId: Id,
  displayName: Type.String({ maxLength: 256 }),
  role: LiveRole,
  handRaised: Type.Boolean(),
  sources: Type.Array(MediaSource, { maxItems: 16 }),
});

const ChatMessage = Type.Object({
  fromPeerId: Id,
  displayName: Type.String({ maxLength: 256 }),
  text: Type.String({ maxLength: 4000 }),
  at: Type.Number(),
});

const PeerQuality = Type.Object({
  peerId: Id,
  recvBitrate: Type.Number(),
  recvVideoBitrate: Type.Number(),
  sendBitrate: Type.Number(),
  rttMs: Type.Union([Type.Number(), Type.Null()]),
  lossFraction: Type.Number(),
  score: Type.Number(),
  frozen: Type.Boolean(),
  receivedLayer: Layer,
  reception: Type.Optional(ReceptionQuality),
});

export const serverMessages = {
  peerJoined: PeerInfo,
  peerUpdated: PeerInfo,
  peerLeft: Type.Object({ peerId: Id }),
  newConsumer: Type.Object({
    consumerId: Id,
    producerId: Id,
    peerId: Id,
    kind: Type.Union([Type.Literal('audio'), Type.Literal('video')]),
    source: MediaSource,
    rtpParameters: Type.Object({ codecs: Type.Array(Type.Object({})) }),
    type: Type.String({ maxLength: 32 }),
    producerPaused: Type.Boolean(),
  }),
  consumerClosed: Type.Object({ consumerId: Id }),
  consumerLayers: Type.Object({ consumerId: Id, spatialLayer: Layer }),
  stageChanged: Type.Object({ peerId: Type.Union([Id, Type.Null()]) }),
  chat: ChatMessage,
  quality: Type.Array(PeerQuality, { maxItems: 1000 }),
  tokenRefreshed: Type.Object({ token: Type.String({ minLength: 1 }), expiresAt: Type.Number() }),
  rejoin: Type.Object({ reason: Type.String({ maxLength: 1000 }) }),
  materialPushed: MaterialPushedMessage,
  reception: ReceptionNotice,
  roomClosed: Type.Object({
    reason: Type.String({ maxLength: 1000 }),
    next: Type.Optional(
      Type.Object({ roomId: Id, kind: RoomKind, token: Type.Optional(Type.String()) }),
    ),
  }),
  ...roomControlMessages,
  annotation: AnnotationMessageSchema,
  ...questionServerMessages,
} satisfies { [E in keyof ServerToClientEvents]: TSchema };

export type ServerMessageName = keyof typeof serverMessages;
export type ServerMessage<E extends ServerMessageName> = Static<(typeof serverMessages)[E]>;

export type { Listener };

/** Listens to one /live server message, checked against its schema first (checkedListener). */
export function onChecked<E extends ServerMessageName>(
  socket: Listener,
  event: E,
  handle: (payload: Parameters<ServerToClientEvents[E]>[0], ...ack: unknown[]) => void,
  warn?: (message: string, detail: object) => void,
): void {
  listenChecked(serverMessages[event], socket, event, handle as never, warn);
}
