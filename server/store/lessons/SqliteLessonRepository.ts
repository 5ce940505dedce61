import type Database from 'better-sqlite3';
import type { LessonRecord } from '../../../shared/lessons';
import { applyQuery, type LessonQuery, type LessonRepository } from './LessonRepository';

/** Lessons in one table; the record as JSON beside the columns queries and CAS need. */
export class SqliteLessonRepository implements LessonRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS lessons (
      occurrence_id TEXT PRIMARY KEY,
      community_id TEXT NOT NULL,
      teacher_id TEXT NOT NULL,
      state TEXT NOT NULL,
      start INTEGER NOT NULL,
      transition_count INTEGER NOT NULL,
      json TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS lessons_community ON lessons (community_id, start);
    CREATE INDEX IF NOT EXISTS lessons_teacher ON lessons (teacher_id, start);
    CREATE INDEX IF NOT EXISTS lessons_state ON lessons (state);`);
  }

  #row(r: LessonRecord) {
    return {
      id: r.occurrence.occurrenceId,
      community: r.occurrence.communityId,
      teacher: r.occurrence.teacherId,
      state: r.state,
      start: Date.parse(r.occurrence.start),
      count: r.transitions.length,
      json: JSON.stringify(r),
    };
  }

  async get(occurrenceId: string): Promise<LessonRecord | undefined> {
    const row = this.#db
      .prepare('SELECT json FROM lessons WHERE occurrence_id = ?')
      .get(occurrenceId) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as LessonRecord) : undefined;
  }

  async create(record: LessonRecord): Promise<LessonRecord> {
    this.#db
      .prepare(
        `INSERT OR IGNORE INTO lessons VALUES (@id, @community, @teacher, @state, @start, @count, @json)`,
      )
      .run(this.#row(record));
    return (await this.get(record.occurrence.occurrenceId))!;
  }

  async replace(next: LessonRecord, prev: LessonRecord): Promise<boolean> {
    const result = this.#db
      .prepare(
        `UPDATE lessons SET community_id = @community, teacher_id = @teacher, state = @state,
           start = @start, transition_count = @count, json = @json
         WHERE occurrence_id = @id AND state = @prevState AND transition_count = @prevCount`,
      )
      .run({ ...this.#row(next), prevState: prev.state, prevCount: prev.transitions.length });
    return result.changes === 1;
  }

  async listActive(): Promise<LessonRecord[]> {
    const rows = this.#db.prepare(`SELECT json FROM lessons WHERE state != 'archived'`).all() as {
      json: string;
    }[];
    return rows.map((r) => JSON.parse(r.json) as LessonRecord);
  }

  async list(q: LessonQuery): Promise<LessonRecord[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.communityId) {
      where.push('community_id = @communityId');
      params.communityId = q.communityId;
    }
    if (q.teacherId) {
      // The lessons she teaches, or keeps a member classroom of (辅导教师).
      where.push(`(teacher_id = @teacherId OR EXISTS (
        SELECT 1 FROM json_each(lessons.json, '$.occurrence.memberTeachers')
        WHERE json_extract(value, '$.teacherId') = @teacherId))`);
      params.teacherId = q.teacherId;
    }
    // The range in SQL too: a report of half a term reads half a term, not every record.
    if (q.from !== undefined) {
      where.push('start >= @from');
      params.from = q.from;
    }
    if (q.to !== undefined) {
      where.push('start < @to');
      params.to = q.to;
    }
    const sql = `SELECT json FROM lessons ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY start DESC`;
    const rows = this.#db.prepare(sql).all(params) as { json: string }[];
    return applyQuery(
      rows.map((r) => JSON.parse(r.json) as LessonRecord),
      q,
    );
  }
}
