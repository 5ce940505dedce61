import type { Config } from '../config';
import type { Store } from './Store';
import type { Log } from '../log';

/** The embedded SQLite store unless REDIS_URL is set. */
export async function openStore(
  config: Pick<Config, 'dataDir' | 'redisUrl'>,
  log?: Log,
): Promise<Store> {
  if (config.redisUrl) {
    const { RedisStore } = await import('./redis/RedisStore');
    return RedisStore.connect(config.redisUrl, log);
  }
  const { SqliteStore } = await import('./sqlite/SqliteStore');
  return SqliteStore.open(config.dataDir);
}
