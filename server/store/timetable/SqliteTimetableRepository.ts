import type Database from 'better-sqlite3';
import {
  flatten,
  type TimetableChange,
  type TimetableKind,
  type TimetableRecords,
  type TimetableRepository,
} from './TimetableRepository';

class StaleRevision extends Error {}

/** Records as JSON in one table, references in another; a change is one transaction. */
export class SqliteTimetableRepository implements TimetableRepository {
  readonly #db: Database.Database;
  readonly #apply: (change: TimetableChange) => void;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS timetable_records (
      kind TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, id)
    );
    CREATE TABLE IF NOT EXISTS timetable_refs (
      kind TEXT NOT NULL, ref TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (kind, ref, id)
    );
    CREATE INDEX IF NOT EXISTS timetable_refs_by_id ON timetable_refs (kind, id);
    CREATE TABLE IF NOT EXISTS timetable_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT OR IGNORE INTO timetable_meta VALUES ('generation', 0);`);
    const get = db.prepare('SELECT json FROM timetable_records WHERE kind = ? AND id = ?');
    const put = db.prepare('INSERT OR REPLACE INTO timetable_records VALUES (?, ?, ?)');
    const del = db.prepare('DELETE FROM timetable_records WHERE kind = ? AND id = ?');
    const delRefs = db.prepare('DELETE FROM timetable_refs WHERE kind = ? AND id = ?');
    const addRef = db.prepare('INSERT OR IGNORE INTO timetable_refs VALUES (?, ?, ?)');
    const bump = db.prepare(`UPDATE timetable_meta SET value = value + 1 WHERE key = 'generation'`);
    // Records are serialised one by one inside the transaction: a failure on the second
    // leaves the first unwritten too (the contract test makes it fail there on purpose).
    this.#apply = db.transaction((change: TimetableChange) => {
      for (const { id, revision } of change.expectSeries ?? []) {
        const row = get.get('series', id) as { json: string } | undefined;
        const stored = row ? (JSON.parse(row.json) as { revision: number }).revision : undefined;
        if (stored !== revision) throw new StaleRevision();
      }
      for (const item of flatten(change)) {
        delRefs.run(item.kind, item.id);
        if (item.op === 'delete') {
          del.run(item.kind, item.id);
          continue;
        }
        put.run(item.kind, item.id, item.json);
        for (const ref of item.refs) addRef.run(item.kind, ref, item.id);
      }
      bump.run();
    });
  }

  #parse<K extends TimetableKind>(rows: unknown[]): TimetableRecords[K][] {
    return (rows as { json: string }[]).map((r) => JSON.parse(r.json) as TimetableRecords[K]);
  }

  async get<K extends TimetableKind>(
    kind: K,
    id: string,
  ): Promise<TimetableRecords[K] | undefined> {
    const row = this.#db
      .prepare('SELECT json FROM timetable_records WHERE kind = ? AND id = ?')
      .get(kind, id) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as TimetableRecords[K]) : undefined;
  }

  async getMany<K extends TimetableKind>(
    kind: K,
    ids: readonly string[],
  ): Promise<TimetableRecords[K][]> {
    const out: TimetableRecords[K][] = [];
    for (const id of ids) {
      const r = await this.get(kind, id);
      if (r) out.push(r);
    }
    return out;
  }

  async list<K extends TimetableKind>(kind: K): Promise<TimetableRecords[K][]> {
    return this.#parse<K>(
      this.#db.prepare('SELECT json FROM timetable_records WHERE kind = ? ORDER BY id').all(kind),
    );
  }

  async byRef<K extends TimetableKind>(kind: K, ref: string): Promise<TimetableRecords[K][]> {
    return this.#parse<K>(
      this.#db
        .prepare(
          `SELECT r.json FROM timetable_refs f JOIN timetable_records r ON r.kind = f.kind AND r.id = f.id
           WHERE f.kind = ? AND f.ref = ? ORDER BY r.id`,
        )
        .all(kind, ref),
    );
  }

  async apply(change: TimetableChange): Promise<boolean> {
    try {
      this.#apply(change);
      return true;
    } catch (error) {
      if (error instanceof StaleRevision) return false;
      throw error;
    }
  }

  async generation(): Promise<number> {
    const row = this.#db
      .prepare(`SELECT value FROM timetable_meta WHERE key = 'generation'`)
      .get() as { value: number };
    return row.value;
  }
}
