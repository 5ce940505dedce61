import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../Store';
import { SqliteLessonRepository } from '../lessons/SqliteLessonRepository';
import { SqliteAttendanceRepository } from '../lessons/SqliteAttendanceRepository';
import { SqliteMaterialRepository } from '../lessons/SqliteMaterialRepository';
import { SqliteEvaluationRepository } from '../evaluation/SqliteEvaluationRepository';
import { SqliteResearchRepository } from '../research/SqliteResearchRepository';
import { SqliteAuthRepository } from '../auth/SqliteAuthRepository';
import { SqliteTimetableRepository } from '../timetable/SqliteTimetableRepository';
import { SqliteSecurityRepository } from '../security/SqliteSecurityRepository';
import { SqliteRecordingPolicyRepository } from '../recording/SqliteRecordingPolicyRepository';
import { SqliteLessonLogRepository } from '../lessons/SqliteLessonLogRepository';
import { SqliteNotificationRepository } from '../notifications/SqliteNotificationRepository';
import { SqliteDownlinkBudgetRepository } from '../budget/SqliteDownlinkBudgetRepository';

/** The embedded default: one SQLite file in the data dir, WAL mode, survives restarts. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  readonly lessons: SqliteLessonRepository;
  readonly attendance: SqliteAttendanceRepository;
  readonly materials: SqliteMaterialRepository;
  readonly research: SqliteResearchRepository;
  readonly evaluation: SqliteEvaluationRepository;
  readonly auth: SqliteAuthRepository;
  readonly timetable: SqliteTimetableRepository;
  readonly security: SqliteSecurityRepository;
  readonly recording: SqliteRecordingPolicyRepository;
  readonly lessonLog: SqliteLessonLogRepository;
  readonly notifications: SqliteNotificationRepository;
  readonly downlinkBudgets: SqliteDownlinkBudgetRepository;

  static open(dataDir: string): SqliteStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteStore(new Database(join(dataDir, 'tongke.sqlite')));
  }

  /** For tests: a private in-memory database. */
  static memory(): SqliteStore {
    return new SqliteStore(new Database(':memory:'));
  }

  private constructor(db: Database.Database) {
    this.db = db;
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    this.lessons = new SqliteLessonRepository(db);
    this.attendance = new SqliteAttendanceRepository(db);
    this.materials = new SqliteMaterialRepository(db);
    this.research = new SqliteResearchRepository(db);
    this.evaluation = new SqliteEvaluationRepository(db);
    this.auth = new SqliteAuthRepository(db);
    this.timetable = new SqliteTimetableRepository(db);
    this.security = new SqliteSecurityRepository(db);
    this.recording = new SqliteRecordingPolicyRepository(db);
    this.lessonLog = new SqliteLessonLogRepository(db);
    this.notifications = new SqliteNotificationRepository(db);
    this.downlinkBudgets = new SqliteDownlinkBudgetRepository(db);
  }

  reachable(): boolean {
    return this.db.open;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
