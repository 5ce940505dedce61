import type Database from 'better-sqlite3';
import type { ResearchRepository } from './ResearchRepository';

export class SqliteResearchRepository implements ResearchRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS research_updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      session_id TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS research_updates_session ON research_updates (session_id, seq);`);
  }

  async appendUpdate(sessionId: string, update: Uint8Array): Promise<void> {
    this.#db
      .prepare('INSERT INTO research_updates (session_id, data) VALUES (?, ?)')
      .run(sessionId, Buffer.from(update));
  }

  async updates(sessionId: string): Promise<Uint8Array[]> {
    const rows = this.#db
      .prepare('SELECT data FROM research_updates WHERE session_id = ? ORDER BY seq')
      .all(sessionId) as { data: Buffer }[];
    return rows.map((r) => new Uint8Array(r.data));
  }

  async compact(sessionId: string, merged: Uint8Array, count: number): Promise<void> {
    // One transaction: the merged update replaces exactly the prefix it was built from and
    // keeps the first sequence number, so it still sorts before later updates.
    this.#db.transaction(() => {
      const prefix = this.#db
        .prepare('SELECT seq FROM research_updates WHERE session_id = ? ORDER BY seq LIMIT ?')
        .all(sessionId, count) as { seq: number }[];
      if (prefix.length === 0) return;
      const first = prefix[0]!.seq;
      const last = prefix.at(-1)!.seq;
      this.#db
        .prepare('DELETE FROM research_updates WHERE session_id = ? AND seq BETWEEN ? AND ?')
        .run(sessionId, first, last);
      this.#db
        .prepare('INSERT INTO research_updates (seq, session_id, data) VALUES (?, ?, ?)')
        .run(first, sessionId, Buffer.from(merged));
    })();
  }
}
