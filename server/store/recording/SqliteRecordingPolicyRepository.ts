import type Database from 'better-sqlite3';
import type { RecordingPolicy } from '../../../shared/recording';
import type { RecordingPolicyRepository } from './RecordingPolicyRepository';

export class SqliteRecordingPolicyRepository implements RecordingPolicyRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS recording_policies (
      community_id TEXT PRIMARY KEY,
      json TEXT NOT NULL
    );`);
  }

  async policy(communityId: string): Promise<RecordingPolicy | undefined> {
    const row = this.#db
      .prepare('SELECT json FROM recording_policies WHERE community_id = ?')
      .get(communityId) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as RecordingPolicy) : undefined;
  }

  async putPolicy(policy: RecordingPolicy): Promise<void> {
    this.#db
      .prepare('INSERT OR REPLACE INTO recording_policies VALUES (?, ?)')
      .run(policy.communityId, JSON.stringify(policy));
  }

  async policies(): Promise<RecordingPolicy[]> {
    const rows = this.#db
      .prepare('SELECT json FROM recording_policies ORDER BY community_id')
      .all() as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as RecordingPolicy);
  }
}
