// The composition root: builds each part of a Tongke server (each builds itself, see its
// mountX / createX) and wires them, without reading the environment: main.ts passes the
// validated config, tests pass theirs (free ports, temp data dir).
import './media/workerBinary';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Server as SocketServer } from 'socket.io';
import { mediaListenIp, type Config } from './config';
import { WorkerPool } from './media/WorkerPool';
import type { SfuPorts } from './signaling/SocketConnection';
import type { LiveRooms } from './live/LiveRooms';
import { shareNodeDecisions } from './live/nodeDecisions';
import { clusterOf, createSocketServer } from './signaling/createSocketServer';
import { mountLive } from './signaling/mountLive';
import { openStore } from './store/openStore';
import type { Store } from './store/Store';
import { createHttp, registerHttpBasics } from './http/createHttp';
import { healthRoutes } from './http/health';
import { metricsRoutes } from './http/metrics';
import { clientPages } from './http/clientPages';
import { adhocRoutes } from './http/security/adhocRoutes';
import { auditRoutes } from './http/security/auditRoutes';
import type { TokenIssuer } from './auth/tokens';
import { mountAuth } from './http/auth/mountAuth';
import { mountLessons, type LessonServices } from './http/lessons/mountLessons';
import { mountResearch } from './http/research/mountResearch';
import type { Clock } from './lessons/clock';
import { lessonClockView } from './lessons/clockView';
import type { OccurrenceSource } from '../shared/timetable/occurrence';
import {
  mountTimetable,
  timetableServices,
  type TimetableServices,
} from './http/timetable/mountTimetable';
import { mountEvaluation } from './http/evaluation/mountEvaluation';
import { mountSetup } from './http/setup/mountSetup';
import { repoRoot } from '../infra/mediasoup-worker/locate.mjs';
import { mountRecording, type RecordingServices } from './recording/mountRecording';
import { shownAnnotation } from './live/annotation/roomAnnotation';
import { shownTimer } from './live/questions/RoomQuestions';
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
  const http = createHttp(config);
  const store = options.store ?? (await openStore(config, http.log.child({ part: 'store' })));
  const pool = await WorkerPool.create({
    numWorkers: config.numWorkers,
    listenIp: mediaListenIp(config),
    announcedAddress: config.announcedAddress,
    rtcPort: config.rtcPort,
    rtcMinPort: config.rtcMinPort,
    rtcMaxPort: config.rtcMaxPort,
    log: http.log.child({ part: 'media' }),
  });
  const io = createSocketServer(http, config);
  const cluster = clusterOf(io, store, http.log.child({ part: 'cluster' }));
  const now = options.now ?? options.clock?.now ?? Date.now;

  // Layer 1: what any HTTP API gets (headers, docs). Layer 2: services. Layer 3: routes.
  await registerHttpBasics(http, config, () => store.reachable());
  const auth = await mountAuth(http, { config, store, now });
  const timetable = timetableServices(store, config.timeZone, now);
  // One schedule for the lesson clock and for a classroom PC's "today", so they agree.
  const schedule = options.occurrences ?? timetable.occurrences;
  const lessonParts = await mountLessons(http, {
    config,
    store,
    now,
    clock: options.clock,
    occurrences: schedule,
  });
  const research = await mountResearch(http, io, { store, auth, lessons: lessonParts, now });
  const { lifecycle } = lessonParts;
  await mountTimetable(http, timetable, lessonClockView(lifecycle), schedule);
  // The district's evaluation (捆绑考核): reports, export, 评课 (server/http/evaluation).
  await mountEvaluation(http, {
    store,
    schedule,
    lifecycle,
    minutes: research.minutes,
    zone: config.timeZone,
    now,
  });
  // Setting up a community: its people, their accounts, bulk import (server/http/setup).
  await mountSetup(http, { store, accounts: auth.accounts, now });
  const notifications = await mountNotifications(http, {
    ...{ config, store, service: timetable.service, now },
    ...{ lifecycle: lifecycle, attendance: lessonParts.attendance },
  });
  await http.register(healthRoutes, { pool, store });
  const signalingLog = http.log.child({ part: 'signaling' });
  const live = mountLive(io, {
    config,
    store,
    pool,
    auth,
    lessons: lessonParts,
    now,
    log: signalingLog,
    ...(options.resumeGraceMs !== undefined ? { resumeGraceMs: options.resumeGraceMs } : {}),
  });
  const { rooms } = live;
  // Recording (录播): every live lesson's room, written by ffmpeg from the workers.
  const recording = await mountRecording(http, {
    config,
    lifecycle,
    store,
    findRoom: (roomId) => rooms.get(roomId, 'lesson'),
    annotationOf: shownAnnotation,
    timerOf: (room) => ({ timer: shownTimer(room), now: now() }),
    codeRooms: rooms,
  });
  shareNodeDecisions({ cluster, rooms, accounts: auth.accounts, lifecycle, log: signalingLog });

  await http.register(adhocRoutes, { prefix: '/api', security: store.security, rooms, now });
  await http.register(auditRoutes, { prefix: '/api', security: store.security, now });
  await http.register(metricsRoutes, { pool, rooms, lifecycle });
  await http.register(clientPages, { root: options.clientDir ?? join(repoRoot, 'dist/client') });

  const lessons: LessonServices = {
    ...lessonParts,
    minutes: research.minutes,
    accounts: auth.accounts,
    signInCodes: auth.signInCodes,
    invitations: research.invitations,
    async close() {
      await lessonParts.close();
      await research.close();
    },
  };
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
    tokens: auth.tokens,
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
      live.unbridge();
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
