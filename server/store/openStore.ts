import type { Config } from '../config';
import type { Store } from './Store';
import type { Log } from '../log';
import { RedisStore } from './redis/RedisStore';

/** The embedded SQLite store unless REDIS_URL is set. */
export async function openStore(
  config: Pick<Config, 'dataDir' | 'redisUrl'>,
  log?: Log,
): Promise<Store> {
  if (config.redisUrl) return RedisStore.connect(config.redisUrl, log);
  // Loaded only here: a node on Redis never opens the native SQLite module.
  const { SqliteStore } = await import('./sqlite/SqliteStore');
  return SqliteStore.open(config.dataDir);
}
