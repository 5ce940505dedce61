// The socket.io edge of the live rooms: /live's catalogue (shared/signaling/events.ts)
// served the one way (catalogue.ts): budgeted, validated, dispatched, answered with one ack.
import type { Server } from 'socket.io';
import type { Principal } from '../../shared/auth';
import {
  requests,
  type RoomKind,
  type ClientToServerEvents,
  type RequestPayload,
  type ServerToClientEvents,
} from '../../shared/signaling/events';
import { ackShape, RequestBudget, serveCatalogue, type Catalogue } from './catalogue';
import {
  handlers,
  toSignalingError,
  type AdhocRooms,
  type HandlerContext,
  type Session,
} from './handlers';
import type { LiveRooms } from '../live/LiveRooms';
import type { RoomGate } from '../live/RoomGate';
import type { Log } from '../log';
import { iceServersFor } from './turnCredentials';
import { TokenWatch } from './tokenWatch';
import type { TokenRenewal } from '../auth/tokenRenewal';
import { SocketConnection, type LiveSocket, type SfuPorts } from './SocketConnection';
import { clientAddress, PerMinuteBudget } from './addressLimits';

export interface SignalingOptions {
  rooms: LiveRooms<SfuPorts>;
  now: () => number;
  verifyToken(token: string): Promise<Principal | undefined>;
  /** false while the store cannot be reached: failures are then acked as `unavailable` */
  storeReachable?: () => boolean;
  /** renews joined participants' tokens before they run out (tokenRefreshed) */
  tokenRenewal?: TokenRenewal;
  /** participants one room takes (a lesson: 1 teacher + classrooms + observers) */
  roomCapacity?: number;
  /** the domain's join rules for scheduled rooms (lessons, research sessions) */
  gate?: RoomGate;
  /** how room-code rooms are opened and their grants; absent: any code opens one */
  adhoc?: AdhocRooms;
  /** what one node takes at most, and what one client address may do */
  limits?: Partial<NodeLimits>;
  /** requests one socket may make per second before it is refused */
  eventsPerSecond?: number;
  log?: Log;
  /** the TURN server(s) and coturn's shared secret, if the deployment has one */
  turn?: { urls: string[]; secret: string; ttlSeconds: number };
  /** how long a dropped connection's session waits to be resumed before it is ended */
  resumeGraceMs?: number;
  /** a monotonic clock for the request budget (real time, even when `now` is a test clock) */
  monotonic?: () => number;
  /** a lesson's material by id, for the teacher's push to the projectors */
  materials?: HandlerContext['materials'];
}

export const LIVE_NAMESPACE = '/live';

export interface NodeLimits {
  maxRooms: number;
  maxParticipants: number;
  joinsPerAddressPerMinute: number;
  /** reverse proxies whose X-Forwarded-For names the client */
  trustedProxies: string[];
}

/** A node at its caps refuses new rooms and new participants before any media is made. */
function nodeFull(rooms: LiveRooms<SfuPorts>, limits: NodeLimits, roomId: string, kind: RoomKind) {
  const all = rooms.all;
  if (!rooms.get(roomId, kind) && all.length >= limits.maxRooms) {
    return `此服务器已满 This server holds at most ${limits.maxRooms} rooms`;
  }
  const people = all.reduce((n, r) => n + r.participants.size, 0);
  if (people >= limits.maxParticipants) {
    return `此服务器已满 This server holds at most ${limits.maxParticipants} participants`;
  }
  return undefined;
}

export function attachSignaling(io: Server, options: SignalingOptions): void {
  const nsp = io.of(LIVE_NAMESPACE) as ReturnType<
    Server<ClientToServerEvents, ServerToClientEvents>['of']
  >;
  const sessions = new Map<string, Session>();
  const budget = options.eventsPerSecond ?? 50;
  const monotonic = options.monotonic ?? (() => performance.now());
  const limits: NodeLimits = {
    maxRooms: 500,
    maxParticipants: 5000,
    joinsPerAddressPerMinute: 300,
    trustedProxies: [],
    ...options.limits,
  };
  const joinBudget = new PerMinuteBudget(limits.joinsPerAddressPerMinute, monotonic);

  const tokens = options.tokenRenewal
    ? new TokenWatch(options.tokenRenewal, options.now, options.log)
    : undefined;

  // A participant removed from its room (left, kicked, worker died) has no session to resume.
  options.rooms.on('left', (_room, participant) => {
    sessions.delete(participant.sessionId);
    tokens?.stop(participant);
  });

  // /live's catalogue: its requests, its handlers, its ack shape (shared/signaling/events.ts).
  const catalogue: Catalogue<HandlerContext> = {
    requests,
    handlers: handlers as unknown as Catalogue<HandlerContext>['handlers'],
    ack: ackShape,
    overBudget: { code: 'rate_limited', message: `more than ${budget} requests a second` },
    missing: (name) => ({
      code: 'invalid_payload',
      message: `${name}: a payload object is required`,
      field: '/',
    }),
    invalid: (name, field, message) => ({
      code: 'invalid_payload',
      message: `${name}: ${field} ${message}`,
      field,
    }),
    toRefusal: (error) => toSignalingError(error, options.log, options.storeReachable),
    unknown: (event) => ({
      code: 'unknown_request',
      message: `unknown request ${event.slice(0, 64)}`,
      field: '/',
    }),
    // A join costs media and memory: refused before any is made, per address and per node.
    guard: (ctx, name, payload) => {
      if (name !== 'join') return undefined;
      if (!joinBudget.take(ctx.address)) {
        return {
          code: 'rate_limited',
          message: `请稍后再试 more than ${limits.joinsPerAddressPerMinute} joins a minute from this address`,
        };
      }
      const p = payload as RequestPayload<'join'>;
      const full = nodeFull(options.rooms, limits, p.roomId, p.kind ?? 'lesson');
      return full ? { code: 'room_full', message: full } : undefined;
    },
  };

  nsp.on('connection', (socket: LiveSocket) => {
    const address = clientAddress(socket.request, limits.trustedProxies);
    const connection = new SocketConnection(socket);
    let session: Session | undefined;

    const ctx: HandlerContext = {
      connection,
      address,
      rooms: options.rooms,
      now: options.now,
      verifyToken: options.verifyToken,
      ...(tokens ? { tokens } : {}),
      roomCapacity: options.roomCapacity ?? 40,
      ...(options.gate ? { gate: options.gate } : {}),
      ...(options.adhoc ? { adhoc: options.adhoc } : {}),
      ...(options.materials ? { materials: options.materials } : {}),
      iceServers: (who) => iceServersFor(options.turn, who, options.now()),
      get session() {
        return session;
      },
      setSession(next) {
        if (session) sessions.delete(session.participant.sessionId);
        session = next;
        if (next) sessions.set(next.participant.sessionId, next);
      },
      findSession: (id) => sessions.get(id),
    };

    serveCatalogue(socket, catalogue, new RequestBudget(budget, 1000, monotonic), ctx);

    // A dropped connection keeps its session for a grace period: the client resumes it on
    // a new connection with the same transports and media (a network blip loses nothing).
    socket.on('disconnect', () => {
      const dropped = session;
      if (!dropped || dropped.participant.connection !== connection) return;
      const { room, participant } = dropped;
      if (!room.participants.has(participant.peerId)) return;
      participant.detach(options.now());
      setTimeout(() => {
        if (participant.detachedAt === undefined) return; // resumed
        room.remove(participant, participant.detachedAt);
        sessions.delete(participant.sessionId);
      }, options.resumeGraceMs ?? 15_000).unref();
    });
  });
}
