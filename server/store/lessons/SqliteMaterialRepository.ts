import type Database from 'better-sqlite3';
import type { Material } from '../../../shared/lessons';
import type { MaterialRepository } from './LessonRepository';

export class SqliteMaterialRepository implements MaterialRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS lesson_materials (
      id TEXT PRIMARY KEY,
      occurrence_id TEXT,
      series_id TEXT,
      uploaded_at INTEGER NOT NULL,
      json TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS lesson_materials_occurrence ON lesson_materials (occurrence_id);
    CREATE INDEX IF NOT EXISTS lesson_materials_series ON lesson_materials (series_id);`);
  }

  async add(m: Material): Promise<void> {
    this.#db
      .prepare('INSERT INTO lesson_materials VALUES (?, ?, ?, ?, ?)')
      .run(m.id, m.occurrenceId ?? null, m.seriesId ?? null, m.uploadedAt, JSON.stringify(m));
  }

  async get(id: string): Promise<Material | undefined> {
    const row = this.#db.prepare('SELECT json FROM lesson_materials WHERE id = ?').get(id) as
      { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Material) : undefined;
  }

  async listFor(occurrenceId: string, seriesId: string): Promise<Material[]> {
    const rows = this.#db
      .prepare(
        `SELECT json FROM lesson_materials WHERE occurrence_id = ? OR series_id = ?
         ORDER BY uploaded_at, id`,
      )
      .all(occurrenceId, seriesId) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as Material);
  }

  async remove(id: string): Promise<boolean> {
    return this.#db.prepare('DELETE FROM lesson_materials WHERE id = ?').run(id).changes === 1;
  }
}
