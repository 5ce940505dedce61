// Builds the lessons, research and auth capabilities and mounts their routes and socket
// namespace: app.ts calls this once, so its own edits stay small.
import type { FastifyInstance } from 'fastify';
import type { Server } from 'socket.io';
import type { Principal } from '../../../shared/auth';
import type { LessonRecord, LessonState } from '../../../shared/lessons';
import type { Invitation } from '../../../shared/research';
import type { OccurrenceSource, ScheduledOccurrence } from '../../../shared/timetable/occurrence';
import type { Config } from '../../config';
import { Accounts } from '../../auth/accounts';
import type { ResolvePrincipal } from '../../auth/principals';
import { SignInCodes } from '../../auth/signInCodes';
import type { TokenIssuer } from '../../auth/tokens';
import { AttendanceRecorder } from '../../lessons/AttendanceRecorder';
import { systemClock, type Clock } from '../../lessons/clock';
import { joinGate, type LessonGateDecision } from '../../lessons/joinGate';
import { LessonLifecycle } from '../../lessons/LessonLifecycle';
import { LessonNames } from '../../lessons/LessonNames';
import { LessonRoomGate } from '../../live/LessonRoomGate';
import { MINUTE, type LifecycleSettings } from '../../lessons/settings';
import { researchInvitations } from '../../research/invitations';
import { MinutesService } from '../../research/MinutesService';
import type { Store } from '../../store/Store';
import { classroomLabel } from '../../../shared/timetable/names';
import { TimetableOccurrenceSource } from '../../store/timetable/TimetableOccurrenceSource';
import { accountRoutes } from '../auth/accountRoutes';
import { authRoutes } from '../auth/authRoutes';
import { attachMinutesNamespace } from '../../signaling/minutesSocket';
import { researchRoutes } from '../research/researchRoutes';
import { lessonRoutes } from './lessonRoutes';
import { materialRoutes } from './materialRoutes';
import { lessonLogRoutes } from './lessonLogRoutes';

/** What the signaling layer and tests use; see the fields for the exact contract. */
export interface LessonServices {
  /** Lesson states; subscribe to `transition` and `resumed`. */
  readonly lifecycle: LessonLifecycle;
  /** Report joins, leaves and media stats samples of classrooms here. */
  readonly attendance: AttendanceRecorder;
  readonly minutes: MinutesService;
  readonly accounts: Accounts;
  /** Signaling's RoomGate: live rooms named by an occurrence id follow the lesson's rules. */
  readonly roomGate: LessonRoomGate;
  /**
   * Link tokens for the member classrooms' teachers of a lesson whose research session is
   * open (or about to): signaling may pass one to a classroom PC when the lesson ends.
   */
  invitations(record: LessonRecord): Promise<Invitation[]>;
  /** One-time sign-in codes that links carry instead of tokens. */
  readonly signInCodes: SignInCodes;
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

export interface MountLessonsDeps {
  config: Config;
  store: Store;
  tokens: TokenIssuer;
  /** token → principal, revoked devices refused */
  resolvePrincipal: ResolvePrincipal;
  now: () => number;
  clock?: Clock;
  /** The published timetable; default: the 一张表 in store.timetable. */
  occurrences?: OccurrenceSource;
}

/**
 * A classroom of one of the community's schools, from the timetable's records, named with
 * its school: the enrolled PC shows that name (two schools' classrooms often share one).
 */
async function classroomIn(store: Store, communityId: string, classroomId: string) {
  const [community, classroom] = await Promise.all([
    store.timetable.get('community', communityId),
    store.timetable.get('classroom', classroomId),
  ]);
  if (!community || !classroom) return undefined;
  const schools = [community.coreSchoolId, ...community.memberSchoolIds];
  if (!schools.includes(classroom.schoolId)) return undefined;
  const school = await store.timetable.get('school', classroom.schoolId);
  return { ...classroom, name: classroomLabel(school, classroom) };
}

export function lifecycleSettings(config: Config): LifecycleSettings {
  return {
    openLeadMs: config.lessonOpenLeadMin * MINUTE,
    maxEarlyStartMs: config.lessonEarlyStartMaxMin * MINUTE,
    maxLateEndMs: config.lessonLateEndMaxMin * MINUTE,
    researchDurationMs: config.researchDurationMin * MINUTE,
  };
}

export async function mountLessons(
  http: FastifyInstance,
  io: Server,
  deps: MountLessonsDeps,
): Promise<LessonServices> {
  const { config, store, tokens, now } = deps;
  const log = http.log.child({ part: 'lessons' });
  const source =
    deps.occurrences ?? new TimetableOccurrenceSource(store.timetable, config.timeZone);
  const settings = lifecycleSettings(config);
  const lifecycle = new LessonLifecycle({
    source,
    repo: store.lessons,
    clock: deps.clock ?? systemClock(now),
    settings,
    log,
  });
  const attendance = new AttendanceRecorder(store.attendance, now);
  const minutes = new MinutesService(store.research);
  const accounts = new Accounts(store.auth, tokens, now, undefined, store.security);
  const signInCodes = new SignInCodes(store.security, tokens, now);
  const names = new LessonNames(store.timetable);
  const lessonDeps = {
    lifecycle,
    attendance,
    materials: store.materials,
    names,
    lessonLog: store.lessonLog,
  };

  await http.register(authRoutes, {
    prefix: '/api',
    accounts,
    classroomIn: (communityId, classroomId) => classroomIn(store, communityId, classroomId),
    limits: {
      perAccount: deps.config.loginsPerAccountPerMinute,
      perAddress: deps.config.loginsPerAddressPerMinute,
    },
  });
  await http.register(accountRoutes, {
    prefix: '/api',
    accounts,
    codes: signInCodes,
    perAddress: deps.config.loginsPerAddressPerMinute,
  });
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
  await http.register(researchRoutes, {
    prefix: '/api',
    ...lessonDeps,
    minutes,
    tokens,
    codes: signInCodes,
    now,
  });
  attachMinutesNamespace(io, {
    resolvePrincipal: deps.resolvePrincipal,
    now,
    lifecycle,
    minutes,
    names,
    sessions: accounts,
    log,
  });

  return {
    lifecycle,
    attendance,
    minutes,
    accounts,
    roomGate: new LessonRoomGate(lifecycle, names),
    signInCodes,
    invitations: (record) => researchInvitations(record, tokens, signInCodes, settings, now()),
    joinGate: (principal, occurrence, state) =>
      joinGate(principal, occurrence, state, now(), { maxEarlyStartMs: settings.maxEarlyStartMs }),
    start: () => lifecycle.start(),
    async close() {
      lifecycle.close();
      await lifecycle.idle();
      await minutes.close();
    },
  };
}
