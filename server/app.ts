// Builds the parts of a Tongke server and wires them, without reading the environment:
// main.ts passes the validated config, tests pass theirs (free ports, temp data dir).
import './media/workerBinary';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { Server as SocketServer } from 'socket.io';
import type { Config } from './config';
import { WorkerPool } from './media/WorkerPool';
import { mediasoupMedia } from './media/MediaRoom';
import type { SfuPorts } from './signaling/SocketConnection';
import { LiveRooms } from './live/LiveRooms';
import { attachSignaling } from './signaling/attach';
import { bridgeLessons } from './live/lessonBridge';
import { originAllowed } from './signaling/originCheck';
import { ConnectionSlots, socketSlotGuard } from './signaling/addressLimits';
import { openStore } from './store/openStore';
import { RedisStore } from './store/redis/RedisStore';
import { redisCluster, singleNode } from './signaling/cluster';
import { shareNodeDecisions } from './live/nodeDecisions';
import type { Store } from './store/Store';
import { healthRoutes } from './http/health';
import { metricsRoutes } from './http/metrics';
import { clientPages } from './http/clientPages';
import { errorHandlerFor } from './http/errorHandler';
import { redactToken } from './http/redactToken';
import { securityHeaders } from './http/securityHeaders';
import { adhocRoutes } from './http/security/adhocRoutes';
import { auditHook, auditRoutes } from './http/security/auditRoutes';
import { authPlugin } from './auth/authPlugin';
import { principalResolver } from './auth/principals';
import { tokenRenewal } from './auth/tokenRenewal';
import { loadAuthSecret } from './auth/secret';
import { TokenIssuer } from './auth/tokens';
import { mountLessons, type LessonServices } from './http/lessons/mountLessons';
import type { Clock } from './lessons/clock';
import { lessonClockView } from './lessons/clockView';
import type { OccurrenceSource } from '../shared/timetable/occurrence';
import {
  mountTimetable,
  timetableServices,
  type TimetableServices,
} from './http/timetable/mountTimetable';
import { mountEvaluation } from './http/evaluation/mountEvaluation';
import { repoRoot } from '../infra/mediasoup-worker/locate.mjs';
import { mountRecording, type RecordingServices } from './recording/mountRecording';
import {
  mountNotifications,
  type NotificationServices,
} from './http/notifications/mountNotifications';

export interface TongkeOptions {
  /** Where the built client is; defaults to dist/client in the repository. */
  clientDir?: string;
  /** Use this store instead of opening the configured one (tests). */
  store?: Store;
  /** How long a dropped connection's session may be resumed (default 15 s). */
  resumeGraceMs?: number;
  /** The clock every part reads (tests pass a fake one). */
  now?: () => number;
  /** Timers of the lesson clock (tests pass a ManualClock; pass its `now` as `now` too). */
  clock?: Clock;
  /** The published timetable the lesson clock runs; default: the one in store.timetable. */
  occurrences?: OccurrenceSource;
}

export interface Tongke {
  readonly config: Config;
  readonly http: FastifyInstance;
  readonly io: SocketServer;
  readonly pool: WorkerPool;
  readonly rooms: LiveRooms<SfuPorts>;
  readonly store: Store;
  readonly tokens: TokenIssuer;
  readonly now: () => number;
  /** The 一张表: communities, series, negotiation; the published OccurrenceSource. */
  readonly timetable: TimetableServices;
  /** Lesson lifecycle, attendance, research minutes, accounts (server/http/lessons). */
  readonly lessons: LessonServices;
  /** Lesson recordings and their exports (server/recording). */
  readonly recording: RecordingServices;
  /** Notices per person and signed webhooks (server/notifications). */
  readonly notifications: NotificationServices;
  /** Starts listening; resolves to the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export async function createTongke(config: Config, options: TongkeOptions = {}): Promise<Tongke> {
  const http = Fastify({
    logger: {
      level: config.logLevel,
      // Tokens never reach the log: not from the header, not from a link's query string.
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: redactToken(req.url),
          remoteAddress: req.ip,
        }),
      },
    },
    bodyLimit: 1024 * 1024,
    // Behind the TLS front door (infra/nginx) the client is the proxy's X-Forwarded-For.
    trustProxy: (config.trustProxy ?? '').split(',').filter(Boolean),
  });
  const store = options.store ?? (await openStore(config, http.log.child({ part: 'store' })));
  const pool = await WorkerPool.create({
    numWorkers: config.numWorkers,
    listenIp: config.host === '::' ? '0.0.0.0' : config.host,
    announcedAddress: config.announcedAddress,
    rtcPort: config.rtcPort,
    rtcMinPort: config.rtcMinPort,
    rtcMaxPort: config.rtcMaxPort,
    log: http.log.child({ part: 'media' }),
  });
  const allowedOrigins = (config.allowedOrigins ?? '').split(',').filter(Boolean);
  const trustedProxies = (config.trustProxy ?? '').split(',').filter(Boolean);
  let admitSocket: (req: IncomingMessage) => boolean = () => true;
  const io = new SocketServer(http.server, {
    serveClient: false,
    allowRequest: (req, done) => {
      if (!originAllowed(req, allowedOrigins)) return done(null, false);
      if (!admitSocket(req)) return done('rate_limited', false);
      done(null, true);
    },
    maxHttpBufferSize: 256 * 1024,
    connectionStateRecovery: { maxDisconnectionDuration: 15_000 },
  });
  admitSocket = socketSlotGuard(
    io.engine,
    new ConnectionSlots(config.socketsPerAddress),
    trustedProxies,
  );
  // Before any namespace exists, so that every one of them spans the nodes.
  const cluster =
    store instanceof RedisStore
      ? redisCluster(io, store.redis, http.log.child({ part: 'cluster' }))
      : singleNode;

  const now = options.now ?? options.clock?.now ?? Date.now;
  const tokens = new TokenIssuer(loadAuthSecret(config.dataDir, config.authSecret));
  http.setErrorHandler(errorHandlerFor(() => store.reachable()));

  // Layer 1: what any HTTP API gets (headers, docs). Layer 2: services. Layer 3: routes.
  await http.register(securityHeaders);
  await http.register(swagger, {
    openapi: {
      info: { title: 'Tongke 同课 API', version: '0.1.0' },
      tags: [{ name: 'system' }],
    },
  });
  await http.register(swaggerUi, { routePrefix: '/api/docs' });
  // Per client address. A school's classroom PCs share one NAT address and each asks for
  // its schedule every 20 s: the default leaves ample room for that.
  await http.register(rateLimit, { max: config.httpRequestsPerMinute, timeWindow: '1 minute' });
  const resolvePrincipal = principalResolver(tokens, store.auth, now, store.security);
  await http.register(authPlugin, { tokens, resolvePrincipal });
  await http.register(auditHook, { security: store.security, now });
  const timetable = timetableServices(store, config.timeZone, now);
  // One schedule for the lesson clock and for a classroom PC's "today", so they agree.
  const schedule = options.occurrences ?? timetable.occurrences;
  const lessons = await mountLessons(http, io, {
    config,
    store,
    tokens,
    resolvePrincipal,
    now,
    clock: options.clock,
    occurrences: schedule,
  });
  await mountTimetable(http, timetable, lessonClockView(lessons.lifecycle), schedule);
  // The district's evaluation (捆绑考核): reports, export, 评课 (server/http/evaluation).
  await mountEvaluation(http, {
    store,
    schedule,
    lifecycle: lessons.lifecycle,
    minutes: lessons.minutes,
    zone: config.timeZone,
    now,
  });
  const notifications = await mountNotifications(http, {
    ...{ config, store, service: timetable.service, now },
    ...{ lifecycle: lessons.lifecycle, attendance: lessons.attendance },
  });
  await http.register(healthRoutes, { pool, store });
  const signalingLog = http.log.child({ part: 'signaling' });
  const rooms = new LiveRooms<SfuPorts>({
    media: mediasoupMedia(pool, { consumersPerRouter: config.consumersPerRouter }),
    now,
    log: signalingLog,
  });
  attachSignaling(io, {
    rooms,
    now,
    verifyToken: resolvePrincipal,
    storeReachable: () => store.reachable(),
    tokenRenewal: tokenRenewal(tokens, resolvePrincipal, lessons.accounts, now),
    gate: lessons.roomGate,
    adhoc: { mode: config.adhocRooms, grant: (roomId) => store.security.grant(roomId) },
    limits: {
      maxRooms: config.maxRooms,
      maxParticipants: config.maxParticipants,
      joinsPerAddressPerMinute: config.joinsPerAddressPerMinute,
      trustedProxies,
    },
    log: signalingLog,
    ...(config.turnUrls && config.turnSecret
      ? {
          turn: {
            urls: config.turnUrls.split(','),
            secret: config.turnSecret,
            ttlSeconds: config.turnTtlSeconds,
          },
        }
      : {}),
    ...(options.resumeGraceMs !== undefined ? { resumeGraceMs: options.resumeGraceMs } : {}),
  });
  const unbridge = bridgeLessons({
    rooms,
    lifecycle: lessons.lifecycle,
    attendance: lessons.attendance,
    log: signalingLog,
  });
  // Recording (录播): every live lesson's room, written by ffmpeg from the workers.
  const recording = await mountRecording(http, {
    config,
    lifecycle: lessons.lifecycle,
    findRoom: (roomId) => rooms.get(roomId, 'lesson'),
    codeRooms: rooms,
  });
  shareNodeDecisions({
    cluster,
    rooms,
    accounts: lessons.accounts,
    lifecycle: lessons.lifecycle,
    log: signalingLog,
  });

  await http.register(adhocRoutes, { prefix: '/api', security: store.security, rooms, now });
  await http.register(auditRoutes, { prefix: '/api', security: store.security, now });
  await http.register(metricsRoutes, {
    pool,
    rooms,
    async lessonsByState() {
      const counts: Record<string, number> = { open: 0, live: 0, research: 0 };
      for (const r of await lessons.lifecycle.current(['open', 'live', 'research'])) {
        counts[r.state] = (counts[r.state] ?? 0) + 1;
      }
      return counts;
    },
  });
  await http.register(clientPages, { root: options.clientDir ?? join(repoRoot, 'dist/client') });

  let closed = false;
  return {
    config,
    http,
    io,
    pool,
    rooms,
    timetable,
    lessons,
    recording,
    notifications,
    store,
    tokens,
    now,
    async listen() {
      // The lesson clock starts here, once every part has subscribed to its events.
      await lessons.start();
      await notifications.start();
      await http.listen({ host: config.host, port: config.port });
      const address = http.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
      return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    },
    async close() {
      if (closed) return;
      closed = true;
      unbridge();
      await lessons.close();
      notifications.close();
      await recording.close();
      rooms.closeAll();
      io.close();
      await http.close();
      pool.close();
      await store.close();
    },
  };
}
