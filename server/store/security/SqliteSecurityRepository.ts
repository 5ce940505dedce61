import type Database from 'better-sqlite3';
import type { AdhocGrant, AuditEntry } from '../../../shared/security';
import type { FeedRecord, SecurityRepository, SignInCodeRecord } from './SecurityRepository';

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
    CREATE INDEX IF NOT EXISTS audit_log_community ON audit_log (community_id, seq);
    CREATE TABLE IF NOT EXISTS disabled_accounts (
      subject TEXT PRIMARY KEY,
      disabled_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS sign_in_codes (
      code_hash TEXT PRIMARY KEY,
      expires_at INTEGER NOT NULL,
      used_at INTEGER,
      json TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ical_feeds (
      id TEXT PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      owner_sub TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      json TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ical_feeds_owner ON ical_feeds (owner_sub, created_at);`);
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

  async setDisabled(subject: string, at: number | undefined): Promise<void> {
    if (at === undefined) {
      this.#db.prepare('DELETE FROM disabled_accounts WHERE subject = ?').run(subject);
    } else {
      this.#db.prepare('INSERT OR IGNORE INTO disabled_accounts VALUES (?, ?)').run(subject, at);
    }
  }

  async disabledAt(subject: string): Promise<number | undefined> {
    const row = this.#db
      .prepare('SELECT disabled_at FROM disabled_accounts WHERE subject = ?')
      .get(subject) as { disabled_at: number } | undefined;
    return row?.disabled_at;
  }

  async addSignInCode(codeHash: string, record: SignInCodeRecord): Promise<void> {
    this.#db
      .prepare('INSERT INTO sign_in_codes (code_hash, expires_at, json) VALUES (?, ?, ?)')
      .run(codeHash, record.expiresAt, JSON.stringify(record));
  }

  async consumeSignInCode(codeHash: string, now: number): Promise<SignInCodeRecord | undefined> {
    // Expired codes go on each use, so the table stays small.
    this.#db.prepare('DELETE FROM sign_in_codes WHERE expires_at <= ?').run(now);
    // One statement: two requests racing with one code cannot both get it.
    const row = this.#db
      .prepare(
        `UPDATE sign_in_codes SET used_at = ?
         WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING json`,
      )
      .get(now, codeHash, now) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as SignInCodeRecord) : undefined;
  }

  async addFeed(feed: FeedRecord): Promise<void> {
    this.#db
      .prepare('INSERT INTO ical_feeds VALUES (?, ?, ?, ?, ?)')
      .run(feed.id, feed.tokenHash, feed.ownerSub, feed.createdAt, JSON.stringify(feed));
  }

  #feedWhere(column: 'id' | 'token_hash', value: string): FeedRecord | undefined {
    const row = this.#db.prepare(`SELECT json FROM ical_feeds WHERE ${column} = ?`).get(value) as
      { json: string } | undefined;
    return row ? (JSON.parse(row.json) as FeedRecord) : undefined;
  }

  async feedByTokenHash(tokenHash: string): Promise<FeedRecord | undefined> {
    return this.#feedWhere('token_hash', tokenHash);
  }

  async feed(id: string): Promise<FeedRecord | undefined> {
    return this.#feedWhere('id', id);
  }

  async feedsOf(ownerSub: string): Promise<FeedRecord[]> {
    const rows = this.#db
      .prepare('SELECT json FROM ical_feeds WHERE owner_sub = ? ORDER BY created_at DESC, id')
      .all(ownerSub) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as FeedRecord);
  }

  async revokeFeed(id: string, at: number): Promise<FeedRecord | undefined> {
    const feed = this.#feedWhere('id', id);
    if (!feed || feed.revokedAt !== undefined) return feed;
    const revoked: FeedRecord = { ...feed, revokedAt: at };
    this.#db
      .prepare('UPDATE ical_feeds SET json = ? WHERE id = ?')
      .run(JSON.stringify(revoked), id);
    return revoked;
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
