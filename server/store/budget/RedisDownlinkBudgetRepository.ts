import type { Redis } from 'ioredis';
import type { DownlinkBudget } from '../../../shared/downlinkBudget';
import type { DownlinkBudgetKey, DownlinkBudgetRepository } from './DownlinkBudgetRepository';

/** one hash: `school:<id>` / `classroom:<id>` → the budget's JSON */
const BUDGETS = 'tongke:downlink-budgets';
const field = (k: DownlinkBudgetKey) => `${k.target}:${k.id}`;

export class RedisDownlinkBudgetRepository implements DownlinkBudgetRepository {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async budgetsOf(keys: readonly DownlinkBudgetKey[]): Promise<DownlinkBudget[]> {
    if (keys.length === 0) return [];
    const values = await this.#redis.hmget(BUDGETS, ...keys.map(field));
    return values.flatMap((json) => (json ? [JSON.parse(json) as DownlinkBudget] : []));
  }

  async putBudget(budget: DownlinkBudget): Promise<void> {
    await this.#redis.hset(BUDGETS, field(budget), JSON.stringify(budget));
  }

  async clearBudget(key: DownlinkBudgetKey): Promise<void> {
    await this.#redis.hdel(BUDGETS, field(key));
  }
}
