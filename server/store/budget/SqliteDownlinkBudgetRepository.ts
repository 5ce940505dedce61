import type Database from 'better-sqlite3';
import type { DownlinkBudget } from '../../../shared/downlinkBudget';
import type { DownlinkBudgetKey, DownlinkBudgetRepository } from './DownlinkBudgetRepository';

export class SqliteDownlinkBudgetRepository implements DownlinkBudgetRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS downlink_budgets (
      target TEXT NOT NULL,
      id TEXT NOT NULL,
      json TEXT NOT NULL,
      PRIMARY KEY (target, id)
    );`);
  }

  async budgetsOf(keys: readonly DownlinkBudgetKey[]): Promise<DownlinkBudget[]> {
    const get = this.#db.prepare('SELECT json FROM downlink_budgets WHERE target = ? AND id = ?');
    const found: DownlinkBudget[] = [];
    for (const k of keys) {
      const row = get.get(k.target, k.id) as { json: string } | undefined;
      if (row) found.push(JSON.parse(row.json) as DownlinkBudget);
    }
    return found;
  }

  async putBudget(budget: DownlinkBudget): Promise<void> {
    this.#db
      .prepare('INSERT OR REPLACE INTO downlink_budgets VALUES (?, ?, ?)')
      .run(budget.target, budget.id, JSON.stringify(budget));
  }

  async clearBudget(key: DownlinkBudgetKey): Promise<void> {
    this.#db
      .prepare('DELETE FROM downlink_budgets WHERE target = ? AND id = ?')
      .run(key.target, key.id);
  }
}
