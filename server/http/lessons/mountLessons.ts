// The lessons part: the lesson clock (lifecycle), attendance, the names a lesson shows,
// the live room's lesson gate, and the lesson and material routes. Auth and research are
// parts of their own (../auth/mountAuth.ts, ../research/mountResearch.ts).
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../../shared/auth';
import type { LessonRecord, LessonState } from '../../../shared/lessons';
import type { Invitation } from '../../../shared/research';
import type { OccurrenceSource, ScheduledOccurrence } from '../../../shared/timetable/occurrence';
import { lifecycleSettings, type Config } from '../../config';
import type { Accounts } from '../../auth/accounts';
import type { SignInCodes } from '../../auth/signInCodes';
import { AttendanceRecorder } from '../../lessons/AttendanceRecorder';
import { systemClock, type Clock } from '../../lessons/clock';
import { joinGate, type LessonGateDecision } from '../../lessons/joinGate';
import { LessonLifecycle } from '../../lessons/LessonLifecycle';
import { LessonNames } from '../../lessons/LessonNames';
import { LessonRoomGate } from '../../live/LessonRoomGate';
import type { MinutesService } from '../../research/MinutesService';
import type { Store } from '../../store/Store';
import { TimetableOccurrenceSource } from '../../store/timetable/TimetableOccurrenceSource';
import { lessonRoutes } from './lessonRoutes';
import { materialRoutes } from './materialRoutes';
import { lessonLogRoutes } from './lessonLogRoutes';

/** What mountLessons builds. */
export interface LessonParts {
  /** Lesson states; subscribe to `transition` and `resumed`. */
  readonly lifecycle: LessonLifecycle;
  /** Report joins, leaves and media stats samples of classrooms here. */
  readonly attendance: AttendanceRecorder;
  readonly names: LessonNames;
  /** Signaling's RoomGate: live rooms named by an occurrence id follow the lesson's rules. */
  readonly roomGate: LessonRoomGate;
  /** The join gate with this server's limits and clock. */
  joinGate(
    principal: Principal,
    occurrence: ScheduledOccurrence,
    state: LessonState,
  ): LessonGateDecision;
  /** Starts the lesson clock (createTongke's listen() calls it, after every subscriber). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The lessons, research and account services as signaling and tests see them on a Tongke
 * server (app.ts puts them together from the three parts).
 */
export interface LessonServices extends Omit<LessonParts, 'names'> {
  readonly minutes: MinutesService;
  readonly accounts: Accounts;
  /** One-time sign-in codes that links carry instead of tokens. */
  readonly signInCodes: SignInCodes;
  /**
   * Link tokens for the member classrooms' teachers of a lesson whose research session is
   * open (or about to): signaling may pass one to a classroom PC when the lesson ends.
   */
  invitations(record: LessonRecord): Promise<Invitation[]>;
}

export interface MountLessonsDeps {
  config: Config;
  store: Store;
  now: () => number;
  clock?: Clock;
  /** The published timetable; default: the 一张表 in store.timetable. */
  occurrences?: OccurrenceSource;
}

export async function mountLessons(
  http: FastifyInstance,
  deps: MountLessonsDeps,
): Promise<LessonParts> {
  const { config, store, now } = deps;
  const source =
    deps.occurrences ?? new TimetableOccurrenceSource(store.timetable, config.timeZone);
  const settings = lifecycleSettings(config);
  const lifecycle = new LessonLifecycle({
    source,
    repo: store.lessons,
    clock: deps.clock ?? systemClock(now),
    settings,
    log: http.log.child({ part: 'lessons' }),
  });
  const attendance = new AttendanceRecorder(store.attendance, now);
  const names = new LessonNames(store.timetable);
  const lessonDeps = {
    lifecycle,
    attendance,
    materials: store.materials,
    names,
    lessonLog: store.lessonLog,
  };

  await http.register(lessonRoutes, {
    prefix: '/api',
    ...lessonDeps,
    timeZone: config.timeZone,
    now,
  });
  await http.register(lessonLogRoutes, { prefix: '/api', ...lessonDeps });
  await http.register(materialRoutes, {
    prefix: '/api',
    ...lessonDeps,
    dataDir: config.dataDir,
    maxBytes: config.materialMaxMb * 1024 * 1024,
    now,
  });

  return {
    lifecycle,
    attendance,
    names,
    roomGate: new LessonRoomGate(lifecycle, names),
    joinGate: (principal, occurrence, state) =>
      joinGate(principal, occurrence, state, now(), { maxEarlyStartMs: settings.maxEarlyStartMs }),
    start: () => lifecycle.start(),
    async close() {
      lifecycle.close();
      await lifecycle.idle();
    },
  };
}
