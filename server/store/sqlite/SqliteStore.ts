import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../Store';

/** The embedded default: one SQLite file in the data dir, WAL mode, survives restarts. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;

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
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
