// The live part: the rooms of this node on mediasoup's workers, served on /live, bridged
// to the lesson clock (a lesson's room opens, closes and reports attendance with it).
import type { FastifyBaseLogger } from 'fastify';
import type { Server } from 'socket.io';
import { listOf, turnServers, type Config } from '../config';
import type { AuthServices } from '../http/auth/mountAuth';
import type { LessonParts } from '../http/lessons/mountLessons';
import { tokenRenewal } from '../auth/tokenRenewal';
import { bridgeLessons } from '../live/lessonBridge';
import { logLessons } from '../live/lessonLogBridge';
import { lessonMaterialLookup } from '../lessons/materialLookup';
import { LiveRooms } from '../live/LiveRooms';
import { DownlinkBudgets } from '../live/budget/DownlinkBudgets';
import { mediasoupMedia } from '../media/MediaRoom';
import type { WorkerPool } from '../media/WorkerPool';
import type { Store } from '../store/Store';
import { attachSignaling } from './attach';
import type { SfuPorts } from './SocketConnection';

export interface LiveServices {
  readonly rooms: LiveRooms<SfuPorts>;
  /** the classroom PCs' shares of their schools' downlink budgets (server/live/budget) */
  readonly budgets: DownlinkBudgets<SfuPorts>;
  /** Unsubscribes the rooms from the lesson clock (first thing on close). */
  unbridge(): void;
}

export interface MountLiveDeps {
  config: Config;
  store: Store;
  pool: WorkerPool;
  auth: AuthServices;
  lessons: LessonParts;
  now: () => number;
  log: FastifyBaseLogger;
  /** How long a dropped connection's session may be resumed (default 15 s). */
  resumeGraceMs?: number;
}

export function mountLive(io: Server, deps: MountLiveDeps): LiveServices {
  const { config, store, auth, lessons, now, log } = deps;
  const rooms = new LiveRooms<SfuPorts>({
    media: mediasoupMedia(deps.pool, {
      consumersPerRouter: config.consumersPerRouter,
      // The downlink layer policy (server/live/layers); LINK_POLICY=off measures without it.
      link: config.linkPolicy === 'on' ? {} : false,
    }),
    now,
    log,
  });
  const turn = turnServers(config);
  attachSignaling(io, {
    rooms,
    now,
    verifyToken: auth.resolvePrincipal,
    storeReachable: () => store.reachable(),
    tokenRenewal: tokenRenewal(auth.tokens, auth.resolvePrincipal, auth.accounts, now),
    gate: lessons.roomGate,
    adhoc: { mode: config.adhocRooms, grant: (roomId) => store.security.grant(roomId) },
    materials: lessonMaterialLookup(lessons.lifecycle, store.materials),
    limits: {
      maxRooms: config.maxRooms,
      maxParticipants: config.maxParticipants,
      joinsPerAddressPerMinute: config.joinsPerAddressPerMinute,
      trustedProxies: listOf(config.trustProxy),
    },
    log,
    ...(turn ? { turn } : {}),
    ...(deps.resumeGraceMs !== undefined ? { resumeGraceMs: deps.resumeGraceMs } : {}),
  });
  const unbridgeLessons = bridgeLessons({
    rooms,
    lifecycle: lessons.lifecycle,
    attendance: lessons.attendance,
    log,
  });
  // Every event of a lesson's room goes into the occurrence's log (the lesson record).
  const unlog = logLessons({ rooms, repo: deps.store.lessonLog, now: deps.now, log });
  // Schools on metered or shared lines: the coordinator's downlink budgets, shared by the
  // school's classrooms live on this node (docs/thin-links.md).
  const budgets = new DownlinkBudgets<SfuPorts>({
    rooms,
    budgetsOf: (keys) => store.downlinkBudgets.budgetsOf(keys),
    schoolOf: async (classroomId) =>
      (await store.timetable.get('classroom', classroomId))?.schoolId,
    log,
  });
  const unbridge = () => {
    unbridgeLessons();
    unlog();
    budgets.close();
  };
  return { rooms, budgets, unbridge };
}
