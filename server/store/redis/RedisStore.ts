import { Redis } from 'ioredis';
import type { Store } from '../Store';

/** The multi-node backend: Redis (AOF on in production, see infra/redis). */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly redis: Redis;

  static async connect(url: string): Promise<RedisStore> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    await redis.connect();
    return new RedisStore(redis);
  }

  private constructor(redis: Redis) {
    this.redis = redis;
  }

  async close(): Promise<void> {
    if (this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
