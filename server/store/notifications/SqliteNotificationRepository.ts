import type Database from 'better-sqlite3';
import type { Delivery, Notice } from '../../../shared/notifications';
import {
  newestFirst,
  type NotificationRepository,
  type WebhookRecord,
} from './NotificationRepository';

const json = <T>(rows: { json: string }[]) => rows.map((r) => JSON.parse(r.json) as T);

export class SqliteNotificationRepository implements NotificationRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS notices (
      id TEXT PRIMARY KEY,
      audience TEXT NOT NULL,
      at INTEGER NOT NULL,
      json TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS notices_audience ON notices (audience, at);
    CREATE TABLE IF NOT EXISTS notice_reads (
      sub TEXT NOT NULL,
      notice_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      PRIMARY KEY (sub, notice_id)
    );
    CREATE TABLE IF NOT EXISTS webhooks (
      id TEXT PRIMARY KEY,
      community_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      json TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS webhooks_community ON webhooks (community_id, created_at);
    CREATE TABLE IF NOT EXISTS webhook_deliveries (
      id TEXT PRIMARY KEY,
      webhook_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      status TEXT NOT NULL,
      json TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS webhook_deliveries_webhook
      ON webhook_deliveries (webhook_id, created_at);
    CREATE INDEX IF NOT EXISTS webhook_deliveries_status ON webhook_deliveries (status);`);
  }

  async addNotices(notices: readonly Notice[]): Promise<void> {
    const put = this.#db.prepare(`INSERT OR REPLACE INTO notices VALUES (?, ?, ?, ?)`);
    this.#db.transaction(() => {
      for (const n of notices) put.run(n.id, n.audience, n.at, JSON.stringify(n));
    })();
  }

  async noticesFor(audiences: readonly string[], limit: number): Promise<Notice[]> {
    if (audiences.length === 0) return [];
    const rows = this.#db
      .prepare(
        `SELECT json FROM notices WHERE audience IN (${audiences.map(() => '?').join(',')})
         ORDER BY at DESC, id DESC LIMIT ?`,
      )
      .all(...audiences, limit) as { json: string }[];
    return json<Notice>(rows).sort(newestFirst((n) => n.at));
  }

  async markRead(sub: string, noticeIds: readonly string[], at: number): Promise<void> {
    const put = this.#db.prepare(`INSERT OR IGNORE INTO notice_reads VALUES (?, ?, ?)`);
    this.#db.transaction(() => {
      for (const id of noticeIds) put.run(sub, id, at);
    })();
  }

  async readBy(sub: string, noticeIds: readonly string[]): Promise<Set<string>> {
    if (noticeIds.length === 0) return new Set();
    const rows = this.#db
      .prepare(
        `SELECT notice_id FROM notice_reads
         WHERE sub = ? AND notice_id IN (${noticeIds.map(() => '?').join(',')})`,
      )
      .all(sub, ...noticeIds) as { notice_id: string }[];
    return new Set(rows.map((r) => r.notice_id));
  }

  async putWebhook(w: WebhookRecord): Promise<void> {
    this.#db
      .prepare(`INSERT OR REPLACE INTO webhooks VALUES (?, ?, ?, ?)`)
      .run(w.id, w.communityId, w.createdAt, JSON.stringify(w));
  }

  async webhook(id: string): Promise<WebhookRecord | undefined> {
    const row = this.#db.prepare(`SELECT json FROM webhooks WHERE id = ?`).get(id) as
      { json: string } | undefined;
    return row ? (JSON.parse(row.json) as WebhookRecord) : undefined;
  }

  async webhooksOf(communityId: string): Promise<WebhookRecord[]> {
    const rows = this.#db
      .prepare(`SELECT json FROM webhooks WHERE community_id = ? ORDER BY created_at, id`)
      .all(communityId) as { json: string }[];
    return json<WebhookRecord>(rows);
  }

  async removeWebhook(id: string): Promise<boolean> {
    return this.#db.transaction(() => {
      this.#db.prepare(`DELETE FROM webhook_deliveries WHERE webhook_id = ?`).run(id);
      return this.#db.prepare(`DELETE FROM webhooks WHERE id = ?`).run(id).changes > 0;
    })();
  }

  async putDelivery(d: Delivery): Promise<void> {
    this.#db
      .prepare(`INSERT OR REPLACE INTO webhook_deliveries VALUES (?, ?, ?, ?, ?)`)
      .run(d.id, d.webhookId, d.createdAt, d.status, JSON.stringify(d));
  }

  async deliveriesOf(webhookId: string, limit: number): Promise<Delivery[]> {
    const rows = this.#db
      .prepare(
        `SELECT json FROM webhook_deliveries WHERE webhook_id = ?
         ORDER BY created_at DESC, id DESC LIMIT ?`,
      )
      .all(webhookId, limit) as { json: string }[];
    return json<Delivery>(rows).sort(newestFirst((d) => d.createdAt));
  }

  async pendingDeliveries(): Promise<Delivery[]> {
    const rows = this.#db
      .prepare(
        `SELECT json FROM webhook_deliveries WHERE status = 'pending' ORDER BY created_at, id`,
      )
      .all() as { json: string }[];
    return json<Delivery>(rows);
  }
}
