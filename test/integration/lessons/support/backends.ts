// Both store backends for the same contract tests: SQLite in memory and a real redis-server.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startRedis, type RedisServer } from '../../../helpers/redisServer';
import { RedisStore } from '../../../../server/store/redis/RedisStore';
import { SqliteStore } from '../../../../server/store/sqlite/SqliteStore';
import type { Store } from '../../../../server/store/Store';

export const backends = ['sqlite', 'redis'] as const;

/** Call inside a describe: gives a fresh, empty store of that kind to every test. */
export function useStore(kind: (typeof backends)[number]): () => Store {
  let redis: RedisServer | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    if (kind === 'redis') redis = await startRedis();
  });
  beforeEach(async () => {
    await store?.close();
    if (kind === 'sqlite') {
      store = SqliteStore.memory();
    } else {
      const s = await RedisStore.connect(redis!.url);
      await s.redis.flushdb();
      store = s;
    }
  });
  afterAll(async () => {
    await store?.close();
    await redis?.stop();
  });
  return () => store!;
}
