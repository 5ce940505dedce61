import type Database from 'better-sqlite3';
import type { AdhocGrant, AuditEntry } from '../../../shared/security';
import type { SecurityRepository } from './SecurityRepository';

export class SqliteSecurityRepository implements SecurityRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS adhoc_grants (
      room_id TEXT PRIMARY KEY,
      community_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      json TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS token_versions (
      subject TEXT PRIMARY KEY,
      version INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS audit_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      community_id TEXT NOT NULL,
      json TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS audit_log_community ON audit_log (community_id, seq);`);
  }

  async addGrant(g: AdhocGrant): Promise<boolean> {
    const result = this.#db
      .prepare('INSERT OR IGNORE INTO adhoc_grants VALUES (?, ?, ?, ?)')
      .run(g.roomId, g.communityId, g.createdAt, JSON.stringify(g));
    return result.changes === 1;
  }

  async grant(roomId: string): Promise<AdhocGrant | undefined> {
    const row = this.#db.prepare('SELECT json FROM adhoc_grants WHERE room_id = ?').get(roomId) as
      { json: string } | undefined;
    return row ? (JSON.parse(row.json) as AdhocGrant) : undefined;
  }

  async grantsIn(communityId: string): Promise<AdhocGrant[]> {
    const rows = this.#db
      .prepare(
        'SELECT json FROM adhoc_grants WHERE community_id = ? ORDER BY created_at DESC, room_id',
      )
      .all(communityId) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as AdhocGrant);
  }

  async deleteGrant(roomId: string): Promise<boolean> {
    return this.#db.prepare('DELETE FROM adhoc_grants WHERE room_id = ?').run(roomId).changes === 1;
  }

  async tokenVersion(subject: string): Promise<number> {
    const row = this.#db
      .prepare('SELECT version FROM token_versions WHERE subject = ?')
      .get(subject) as { version: number } | undefined;
    return row?.version ?? 0;
  }

  async bumpTokenVersion(subject: string): Promise<number> {
    const row = this.#db
      .prepare(
        `INSERT INTO token_versions VALUES (?, 1)
         ON CONFLICT(subject) DO UPDATE SET version = version + 1 RETURNING version`,
      )
      .get(subject) as { version: number };
    return row.version;
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.#db
      .prepare('INSERT INTO audit_log (community_id, json) VALUES (?, ?)')
      .run(entry.communityId, JSON.stringify(entry));
  }

  async auditIn(communityId: string, limit: number): Promise<AuditEntry[]> {
    const rows = this.#db
      .prepare('SELECT json FROM audit_log WHERE community_id = ? ORDER BY seq DESC LIMIT ?')
      .all(communityId, limit) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as AuditEntry);
  }
}
