// One small function per request. Payloads arrive validated (attach.ts); these functions
// decide and act, and throw SignalingError to refuse.
import type { types } from 'mediasoup';
import type { Replies, RequestName, RequestPayload } from '../../shared/signaling/events';
import type { Principal } from '../../shared/auth';
import { MediaLimitError } from '../media/MediaPeer';
import { NoWorkerError } from '../media/WorkerPool';
import { decideJoin, type JoinDecision } from './joinPolicy';
import type { RoomGate } from './RoomGate';
import type { IceServer } from './turnCredentials';
import { consoleLog, type Log } from '../log';
import { Participant, type LiveSocket } from './Participant';
import type { LiveRoom } from './LiveRoom';
import type { LiveRooms } from './LiveRooms';
import type { TokenWatch } from './tokenWatch';
import { SignalingError } from './SignalingError';
import type { AdhocDecision } from '../security/adhocAdmission';

export interface Session {
  room: LiveRoom;
  participant: Participant;
}

export interface HandlerContext {
  socket: LiveSocket;
  rooms: LiveRooms;
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
  /** whether a room-code room may be entered (its grant, ADHOC_ROOMS) */
  adhoc?(roomId: string, roomCode: string | undefined): Promise<AdhocDecision>;
  /** TURN servers with fresh credentials for this participant (none without TURN) */
  iceServers(who: string): IceServer[];
}

type Handler<N extends RequestName> = (
  ctx: HandlerContext,
  payload: RequestPayload<N>,
) => Promise<Replies[N]>;

function joined(ctx: HandlerContext): Session {
  const session = ctx.session;
  if (!session || !isCurrent(session) || session.participant.socket !== ctx.socket) {
    throw new SignalingError('not_joined', 'join a room first');
  }
  return session;
}

/** Whether this session is still the participant's place in a live room. */
function isCurrent({ room, participant }: Session): boolean {
  return !room.closed && room.participants.get(participant.peerId) === participant;
}

async function sessionState(ctx: HandlerContext, room: LiveRoom, participant: Participant) {
  const media = await room.mediaRoom();
  return {
    sessionId: participant.sessionId,
    iceServers: ctx.iceServers(participant.peerId),
    peerId: participant.peerId,
    role: participant.role,
    kind: room.kind,
    routerRtpCapabilities: media.rtpCapabilities as never,
    peers: room.peersVisibleTo(participant).map((o) => o.info()),
    stagePeerId: room.stagePeerId,
    chat: room.chat,
  };
}

function mediaOf(session: Session) {
  const media = session.participant.media;
  if (!media || media.closed)
    throw new SignalingError('not_joined', 'media session ended; join again');
  return media;
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
        stale.participant.socket.disconnect(true);
      }
    }
    const existing = ctx.rooms.get(p.roomId, kind);
    const facts = {
      code: existing?.code,
      kind: existing?.kind,
      peers: existing?.participants.size ?? 0,
      hasTeacher: existing?.hasTeacher ?? false,
      capacity: ctx.roomCapacity,
    };
    const badToken = !!p.token && !principal;
    const scheduled =
      principal && ctx.gate
        ? await ctx.gate.admit({ roomId: p.roomId, kind, principal, now: ctx.now() })
        : undefined;
    let decision: JoinDecision;
    if (!scheduled) {
      // Not a scheduled room: it exists only by a grant (ADHOC_ROOMS=granted), at its size.
      const adhoc = badToken ? undefined : await ctx.adhoc?.(p.roomId, p.roomCode);
      if (adhoc && !adhoc.ok) throw new SignalingError(adhoc.code, adhoc.message);
      if (adhoc?.capacity) facts.capacity = Math.min(facts.capacity, adhoc.capacity);
      decision = decideJoin(
        { roomId: p.roomId, kind, roomCode: p.roomCode, askedRole: p.role, principal, badToken },
        facts,
      );
    } else if (!scheduled.ok) {
      decision = { ok: false, code: 'forbidden', message: scheduled.reason };
    } else if (facts.peers >= facts.capacity) {
      decision = { ok: false, code: 'room_full', message: `room holds at most ${facts.capacity}` };
    } else {
      decision = { ok: true, role: scheduled.role, identity: principal!.sub };
    }
    if (!decision.ok) throw new SignalingError(decision.code, decision.message);
    const room = ctx.rooms.getOrCreate(
      p.roomId,
      kind,
      scheduled ? { scheduled: true } : { ...(principal ? {} : { code: p.roomCode }) },
    );
    // A duplicate identity (the same device or login twice) kicks the older session.
    if (decision.identity) {
      for (const other of room.participants.values()) {
        if (other.identity === decision.identity) {
          other.socket.emit('roomClosed', { reason: 'signed in elsewhere' });
          room.remove(other);
          other.socket.disconnect(true);
        }
      }
    }
    const participant = new Participant({
      ...(principal ? { principal } : {}),
      displayName: (scheduled?.ok && scheduled.displayName) || p.displayName,
      role: decision.role,
      identity: decision.identity,
      socket: ctx.socket,
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
    // After a worker death the session has no media: it gets new media on a live worker,
    // and the client builds new transports (mediaReset).
    const lost = !participant.media || participant.media.closed;
    const media = lost ? await room.giveMedia(participant) : participant.media!;
    // The session id is the client's secret: whoever holds it takes the session over, and a
    // connection the server has not yet noticed is dead is dropped.
    const old = participant.socket;
    participant.attach(ctx.socket);
    if (old !== ctx.socket) old.disconnect(true);
    void ctx.socket.join(room.channel);
    ctx.setSession(found);
    const transports = [];
    for (const transport of media.transports.values()) {
      transports.push({ id: transport.id, iceParameters: await transport.restartIce() });
    }
    // Consumers the room made while the client was away went to the dead connection.
    void room.reconcile(participant);
    return {
      ...(await sessionState(ctx, room, participant)),
      mediaReset: lost,
      transports,
      consumerIds: [...media.consumers.keys()],
    };
  },

  async createTransport(ctx, p) {
    const session = joined(ctx);
    const media = mediaOf(session);
    if (p.direction === 'send' && session.participant.role === 'observer') {
      throw new SignalingError('forbidden', 'an observer does not send media');
    }
    if (p.direction === 'recv') {
      if (!p.rtpCapabilities) {
        throw new SignalingError(
          'invalid_payload',
          'a recv transport needs rtpCapabilities',
          '/rtpCapabilities',
        );
      }
      session.participant.rtpCapabilities = p.rtpCapabilities as types.RtpCapabilities;
    }
    const transport = await media.createTransport(p.direction, {
      peerId: session.participant.peerId,
    });
    if (p.direction === 'recv') {
      // Consumers can be created before DTLS connects; the client's first consume connects it.
      void session.room.reconcile(session.participant);
    }
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates as Replies['createTransport']['iceCandidates'],
      dtlsParameters: transport.dtlsParameters as Replies['createTransport']['dtlsParameters'],
    };
  },

  async connectTransport(ctx, p) {
    const transport = mediaOf(joined(ctx)).transport(p.transportId);
    if (!transport)
      throw new SignalingError('not_found', `no transport ${p.transportId}`, '/transportId');
    await transport.connect({ dtlsParameters: p.dtlsParameters as types.DtlsParameters });
    return empty;
  },

  async restartIce(ctx, p) {
    const transport = mediaOf(joined(ctx)).transport(p.transportId);
    if (!transport)
      throw new SignalingError('not_found', `no transport ${p.transportId}`, '/transportId');
    return { iceParameters: await transport.restartIce() };
  },

  async produce(ctx, p) {
    const session = joined(ctx);
    const { participant, room } = session;
    if (participant.role === 'observer')
      throw new SignalingError('forbidden', 'an observer does not send media');
    const teacherOnly = p.source === 'screen' || p.source === 'blackboard';
    if (teacherOnly && participant.role === 'classroom') {
      throw new SignalingError('forbidden', `only the teacher shares a ${p.source}`, '/source');
    }
    if ((p.source === 'mic') !== (p.kind === 'audio')) {
      throw new SignalingError(
        'invalid_payload',
        `source ${p.source} does not match kind ${p.kind}`,
        '/source',
      );
    }
    const media = mediaOf(session);
    if ([...media.producers.values()].some((x) => x.appData.source === p.source)) {
      throw new SignalingError(
        'forbidden',
        `a ${p.source} is already published; close it first`,
        '/source',
      );
    }
    const transport = media.transport(p.transportId);
    if (!transport || transport.appData.direction !== 'send') {
      throw new SignalingError('not_found', `no send transport ${p.transportId}`, '/transportId');
    }
    const producer = await media.produce(transport, {
      kind: p.kind,
      rtpParameters: p.rtpParameters as types.RtpParameters,
      appData: { source: p.source, peerId: participant.peerId },
    });
    room.broadcastPeer(participant);
    producer.observer.once('close', () => room.broadcastPeer(participant));
    void room.reconcileAll();
    return { producerId: producer.id };
  },

  async closeProducer(ctx, p) {
    const producer = mediaOf(joined(ctx)).producers.get(p.producerId);
    if (!producer)
      throw new SignalingError('not_found', `no producer ${p.producerId}`, '/producerId');
    producer.close();
    return empty;
  },

  async consumerPrefs(ctx, p) {
    const { room, participant } = joined(ctx);
    const found = await room.applyPrefs(participant, p.consumerId, p);
    if (!found) throw new SignalingError('not_found', `no consumer ${p.consumerId}`, '/consumerId');
    return empty;
  },

  async raiseHand(ctx, p) {
    const { room, participant } = joined(ctx);
    if (participant.role !== 'classroom')
      throw new SignalingError('forbidden', 'only a classroom raises its hand');
    participant.handRaised = p.raised;
    room.broadcastPeer(participant);
    return empty;
  },

  async setStage(ctx, p) {
    const { room, participant } = joined(ctx);
    if (participant.role !== 'teacher')
      throw new SignalingError('forbidden', 'only the teacher puts a classroom on stage');
    if (p.peerId !== null) {
      const target = room.participants.get(p.peerId);
      if (!target || target.role !== 'classroom') {
        throw new SignalingError('not_found', `no classroom ${p.peerId} in this room`, '/peerId');
      }
      target.handRaised = false;
      room.broadcastPeer(target);
    }
    room.setStage(p.peerId);
    return empty;
  },

  async chat(ctx, p) {
    const { room, participant } = joined(ctx);
    room.addChat(participant, p.text);
    return empty;
  },

  async receiveReport(ctx, p) {
    const media = mediaOf(joined(ctx));
    // Only consumers this peer has: a report cannot make counters for anything else.
    media.received.report(p.consumers.filter((c) => media.consumers.has(c.consumerId)));
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
};

/**
 * One place that turns what a handler threw into the ack's error; unexpected ones are
 * logged. While the store is unreachable a failure is "try again shortly", said plainly.
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
  if (error instanceof MediaLimitError) return new SignalingError('forbidden', error.message);
  if (error instanceof NoWorkerError) return new SignalingError('media_error', error.message);
  // mediasoup refuses parameters it cannot use with a TypeError naming the problem.
  if (error instanceof TypeError) return new SignalingError('invalid_payload', error.message);
  if (error instanceof Error && /not found|closed/i.test(error.message)) {
    return new SignalingError('media_error', error.message);
  }
  log.error(
    { err: error instanceof Error ? error.stack : String(error) },
    'signaling handler failed',
  );
  return new SignalingError('internal', 'internal error');
}
