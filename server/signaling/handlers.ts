// One small function per request. Payloads arrive validated (attach.ts); these functions
// translate a request into the room's methods (server/live/), which decide and act, and
// throw RoomError to refuse. Nothing here touches media internals.
import type { Replies, RequestName, RequestPayload } from '../../shared/signaling/events';
import type { Principal } from '../../shared/auth';
import { refusalFor } from '../errorTable';
import { admit } from '../live/admission';
import type { RoomGate } from '../live/RoomGate';
import type { IceServer } from './turnCredentials';
import { consoleLog, type Log } from '../log';
import { Participant } from '../live/Participant';
import type { LiveRoom } from '../live/LiveRoom';
import type { LiveRooms } from '../live/LiveRooms';
import type { TokenWatch } from './tokenWatch';
import { SignalingError } from './SignalingError';
import type { AdhocMode } from '../security/adhocAdmission';
import type { AdhocGrant } from '../../shared/security';
import type { SfuPorts, SocketConnection } from './SocketConnection';
import { roomControlHandlers } from './roomControlHandlers';
import { annotationHandlers } from './annotationHandlers';
import { questionHandlers } from './questionHandlers';
import type { LessonMaterialLookup } from '../lessons/materialLookup';
import { pushedMaterialOf } from '../live/material/pushedMaterial';
import { materialHandlers } from './materialHandlers';
import { classroomPcsIn } from '../live/secondScreen';

export interface Session {
  room: LiveRoom<SfuPorts>;
  participant: Participant<SfuPorts>;
}

export interface AdhocRooms {
  mode: AdhocMode;
  grant(roomId: string): Promise<AdhocGrant | undefined>;
}

export interface HandlerContext {
  connection: SocketConnection;
  /** the client's address (behind a trusted proxy: the one it names) */
  address: string;
  rooms: LiveRooms<SfuPorts>;
  now: () => number;
  verifyToken(token: string): Promise<Principal | undefined>;
  /** renews the tokens of those who joined with one (absent: tokens are not renewed) */
  tokens?: TokenWatch;
  /** the socket's current session, if it joined */
  session: Session | undefined;
  setSession(session: Session | undefined): void;
  /** finds a live session by id, to drop a client's stale one when it comes back */
  findSession(sessionId: string): Session | undefined;
  roomCapacity: number;
  /** the lessons' and research sessions' join rules, when the server runs them */
  gate?: RoomGate;
  /** how room-code rooms are opened (ADHOC_ROOMS) and their grants; absent: any code */
  adhoc?: AdhocRooms;
  /** TURN servers with fresh credentials for this participant (none without TURN) */
  iceServers(who: string): IceServer[];
  /** a lesson's material by id (absent: nothing can be pushed to the projectors) */
  materials?: LessonMaterialLookup;
}

export type Handler<N extends RequestName> = (
  ctx: HandlerContext,
  payload: RequestPayload<N>,
) => Promise<Replies[N]>;

export function joined(ctx: HandlerContext): Session {
  const session = ctx.session;
  if (!session || !isCurrent(session) || session.participant.connection !== ctx.connection) {
    throw new SignalingError('not_joined', 'join a room first');
  }
  return session;
}

/** Whether this session is still the participant's place in a live room. */
function isCurrent({ room, participant }: Session): boolean {
  return !room.closed && room.participants.get(participant.peerId) === participant;
}

async function sessionState(
  ctx: HandlerContext,
  room: Session['room'],
  participant: Session['participant'],
) {
  const media = await room.mediaRoom();
  return {
    sessionId: participant.sessionId,
    iceServers: ctx.iceServers(participant.peerId),
    peerId: participant.peerId,
    role: participant.role,
    kind: room.kind,
    routerRtpCapabilities: media.rtpCapabilities,
    peers: room.peersVisibleTo(participant).map((o) => o.info()),
    stagePeerId: room.stagePeerId,
    chat: [...room.chat],
    controls: room.controls,
    material: pushedMaterialOf(room),
  };
}

const empty = {} as Record<string, never>;

export const handlers: { [N in RequestName]: Handler<N> } = {
  async join(ctx, p) {
    if (ctx.session) {
      if (isCurrent(ctx.session)) {
        throw new SignalingError('forbidden', 'this connection already joined a room');
      }
      // The server ended that session (worker died, room closed): this is the rejoin.
      ctx.setSession(undefined);
    }
    const kind = p.kind ?? 'lesson';
    const principal = p.token ? await ctx.verifyToken(p.token) : undefined;
    if (p.previousSessionId) {
      const stale = ctx.findSession(p.previousSessionId);
      if (stale) {
        stale.room.remove(stale.participant);
        stale.participant.connection.close();
      }
    }
    const existing = ctx.rooms.get(p.roomId, kind);
    const badToken = !!p.token && !principal;
    // The facts the one admission decision needs; it decides (server/live/admission.ts).
    const scheduled = ctx.gate && !badToken ? await ctx.gate.facts(p.roomId) : undefined;
    const grant =
      ctx.adhoc && !scheduled && !badToken ? await ctx.adhoc.grant(p.roomId) : undefined;
    const decision = admit({
      roomId: p.roomId,
      kind,
      roomCode: p.roomCode,
      askedRole: p.role,
      principal,
      badToken,
      scheduled,
      ...(ctx.adhoc ? { adhoc: { mode: ctx.adhoc.mode, grant } } : {}),
      ...(existing
        ? {
            room: {
              code: existing.code,
              kind: existing.kind,
              peers: existing.participants.size,
              hasTeacher: existing.hasTeacher,
              classroomPcs: classroomPcsIn(existing),
            },
          }
        : {}),
      capacity: ctx.roomCapacity,
      now: ctx.now(),
    });
    if (!decision.ok) throw new SignalingError(decision.code, decision.message);
    // Looked up before the room is made: a failure here leaves no empty room behind.
    const named =
      decision.scheduled && principal ? await ctx.gate?.displayName(principal) : undefined;
    const room = ctx.rooms.getOrCreate(
      p.roomId,
      kind,
      decision.scheduled ? { scheduled: true } : decision.code ? { code: decision.code } : {},
    );
    const participant = new Participant<SfuPorts>({
      ...(principal ? { principal } : {}),
      displayName: named || p.displayName,
      role: decision.role,
      identity: decision.identity,
      connection: ctx.connection,
      joinedAt: ctx.now(),
    });
    await room.add(participant);
    ctx.setSession({ room, participant });
    if (principal && p.token) ctx.tokens?.watch(participant, p.token);
    return sessionState(ctx, room, participant);
  },

  async resume(ctx, p) {
    if (
      ctx.session &&
      isCurrent(ctx.session) &&
      ctx.session.participant.sessionId !== p.sessionId
    ) {
      throw new SignalingError('forbidden', 'this connection already joined a room');
    }
    const found = ctx.findSession(p.sessionId);
    if (!found || !isCurrent(found)) {
      throw new SignalingError('not_found', 'that session has ended; join again', '/sessionId');
    }
    const { room, participant } = found;
    // The session id is the client's secret: whoever holds it takes the session over (the
    // room swaps the connection and drops the old one). After a worker death the session
    // gets new media on a live worker, and the client builds new transports (mediaReset).
    const { mediaReset } = await room.resume(participant, ctx.connection);
    ctx.setSession(found);
    const { transports, consumerIds } = await room.catchUp(participant);
    return { ...(await sessionState(ctx, room, participant)), mediaReset, transports, consumerIds };
  },

  async createTransport(ctx, p) {
    const { room, participant } = joined(ctx);
    return room.openTransport(participant, p.direction, p.rtpCapabilities);
  },

  async connectTransport(ctx, p) {
    const { room, participant } = joined(ctx);
    await room.connectTransport(participant, p.transportId, p.dtlsParameters);
    return empty;
  },

  async restartIce(ctx, p) {
    const { room, participant } = joined(ctx);
    return { iceParameters: await room.restartIce(participant, p.transportId) };
  },

  async produce(ctx, p) {
    const { room, participant } = joined(ctx);
    const track = await room.publish(participant, p);
    return { producerId: track.id };
  },

  async closeProducer(ctx, p) {
    const { room, participant } = joined(ctx);
    room.unpublish(participant, p.producerId);
    return empty;
  },

  async consumerPrefs(ctx, p) {
    const { room, participant } = joined(ctx);
    await room.applyPrefs(participant, p.consumerId, p);
    return empty;
  },

  async raiseHand(ctx, p) {
    const { room, participant } = joined(ctx);
    room.raiseHand(participant, p.raised);
    return empty;
  },

  async setStage(ctx, p) {
    const { room, participant } = joined(ctx);
    room.putOnStage(participant, p.peerId);
    return empty;
  },

  async chat(ctx, p) {
    const { room, participant } = joined(ctx);
    room.addChat(participant, p.text);
    return empty;
  },

  async receiveReport(ctx, p) {
    const media = joined(ctx).participant.media;
    if (!media || media.closed)
      throw new SignalingError('not_joined', 'media session ended; join again');
    media.reportDecoded(p.consumers);
    return empty;
  },

  async recording(ctx, p) {
    const { room, participant } = joined(ctx);
    if (participant.role !== 'teacher')
      throw new SignalingError('forbidden', 'only the teacher records a room');
    if (room.scheduled || room.kind !== 'lesson') {
      throw new SignalingError('forbidden', 'a scheduled lesson is recorded by its clock', '/on');
    }
    room.setRecordingWanted(p.on);
    return { recording: p.on };
  },

  async leave(ctx) {
    const { room, participant } = joined(ctx);
    room.remove(participant);
    ctx.setSession(undefined);
    return empty;
  },

  ...roomControlHandlers,
  ...annotationHandlers,
  ...questionHandlers,
  ...materialHandlers(joined),
};

/**
 * What a handler threw, as the ack's error: by the one error table (server/errorTable.ts);
 * unexpected ones are logged. While the store is unreachable a failure is "try again
 * shortly", said plainly.
 */
export function toSignalingError(
  error: unknown,
  log: Log = consoleLog,
  storeReachable: () => boolean = () => true,
): SignalingError {
  if (error instanceof SignalingError) return error;
  if (!storeReachable())
    return new SignalingError(
      'unavailable',
      '数据存储暂时不可用，请稍后再试 The store is unreachable; try again shortly',
    );
  const refusal = refusalFor(error);
  if (refusal.expected) return new SignalingError(refusal.ack, refusal.message, refusal.field);
  log.error(
    { err: error instanceof Error ? error.stack : String(error) },
    'signaling handler failed',
  );
  return new SignalingError('internal', 'internal error');
}
