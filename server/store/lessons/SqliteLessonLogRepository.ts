import type Database from 'better-sqlite3';
import type { LessonLogEvent } from '../../../shared/lessonLog';
import type { LessonLogRepository } from './LessonLogRepository';
import { knownEvents } from './lessonLogLines';

export class SqliteLessonLogRepository implements LessonLogRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS lesson_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      occurrence_id TEXT NOT NULL,
      json TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS lesson_log_occurrence ON lesson_log (occurrence_id, seq);`);
  }

  async append(occurrenceId: string, event: LessonLogEvent): Promise<void> {
    this.#db
      .prepare('INSERT INTO lesson_log (occurrence_id, json) VALUES (?, ?)')
      .run(occurrenceId, JSON.stringify(event));
  }

  async list(occurrenceId: string): Promise<LessonLogEvent[]> {
    const rows = this.#db
      .prepare('SELECT json FROM lesson_log WHERE occurrence_id = ? ORDER BY seq')
      .all(occurrenceId) as { json: string }[];
    return knownEvents(rows.map((r) => r.json));
  }
}
