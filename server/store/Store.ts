/**
 * The persistence port. Each capability adds its repository here (timetable, lessons,
 * research); both backends implement every repository and run the same contract tests.
 */
import type { AuthRepository } from './auth/AuthRepository';
import type {
  AttendanceRepository,
  LessonRepository,
  MaterialRepository,
} from './lessons/LessonRepository';
import type { EvaluationRepository } from './evaluation/EvaluationRepository';
import type { ResearchRepository } from './research/ResearchRepository';
import type { TimetableRepository } from './timetable/TimetableRepository';
import type { SecurityRepository } from './security/SecurityRepository';
import type { RecordingPolicyRepository } from './recording/RecordingPolicyRepository';
import type { LessonLogRepository } from './lessons/LessonLogRepository';
import type { NotificationRepository } from './notifications/NotificationRepository';
import type { DownlinkBudgetRepository } from './budget/DownlinkBudgetRepository';

export type StoreKind = 'sqlite' | 'redis';

export interface Store {
  readonly kind: StoreKind;
  readonly lessons: LessonRepository;
  readonly attendance: AttendanceRepository;
  readonly materials: MaterialRepository;
  readonly research: ResearchRepository;
  /** lesson facts kept for reports, 评课 reviews, rubrics */
  readonly evaluation: EvaluationRepository;
  readonly auth: AuthRepository;
  readonly timetable: TimetableRepository;
  /** ad-hoc room grants, token versions, the audit log */
  readonly security: SecurityRepository;
  /** each community's recording policy (recorded or not, kept how long) */
  readonly recording: RecordingPolicyRepository;
  /** each lesson occurrence's log of events: stage, shares, questions, answers, timer… */
  readonly lessonLog: LessonLogRepository;
  /** notices per person, webhooks and their deliveries */
  readonly notifications: NotificationRepository;
  /** schools' and classrooms' downlink budgets (kbit/s), set on /setup/ */
  readonly downlinkBudgets: DownlinkBudgetRepository;
  /**
   * False while the store cannot be reached (Redis down or reconnecting): a failure then is
   * "try again shortly", not a bug. The embedded store is always reachable.
   */
  reachable(): boolean;
  close(): Promise<void>;
}
