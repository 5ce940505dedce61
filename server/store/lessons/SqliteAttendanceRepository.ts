import type Database from 'better-sqlite3';
import type { AttendanceEvent } from '../../../shared/lessons';
import type { AttendanceRepository } from './LessonRepository';

export class SqliteAttendanceRepository implements AttendanceRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS lesson_attendance (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      occurrence_id TEXT NOT NULL,
      json TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS lesson_attendance_occurrence
      ON lesson_attendance (occurrence_id, seq);`);
  }

  async append(event: AttendanceEvent): Promise<void> {
    this.#db
      .prepare('INSERT INTO lesson_attendance (occurrence_id, json) VALUES (?, ?)')
      .run(event.occurrenceId, JSON.stringify(event));
  }

  async list(occurrenceId: string): Promise<AttendanceEvent[]> {
    const rows = this.#db
      .prepare('SELECT json FROM lesson_attendance WHERE occurrence_id = ? ORDER BY seq')
      .all(occurrenceId) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as AttendanceEvent);
  }
}
