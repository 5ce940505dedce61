import type { Redis } from 'ioredis';
import type { LessonRecord } from '../../../shared/lessons';
import { applyQuery, type LessonQuery, type LessonRepository } from './LessonRepository';

// A lesson is a hash {json, state, count}; the indexes are sorted sets by start. Scripts
// make create and compare-and-set atomic without WATCH (which is per connection and would
// mix up concurrent callers sharing the one ioredis connection).
const key = (id: string) => `tongke:lesson:${id}`;
const ACTIVE = 'tongke:lessons:active';
const ALL = 'tongke:lessons:all';
const byCommunity = (id: string) => `tongke:lessons:community:${id}`;

const WRITE_INDEXES = `
  redis.call('HSET', KEYS[1], 'json', ARGV[1], 'state', ARGV[2], 'count', ARGV[3])
  if ARGV[2] == 'archived' then redis.call('SREM', KEYS[2], ARGV[4])
  else redis.call('SADD', KEYS[2], ARGV[4]) end
  redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4])
  redis.call('ZADD', KEYS[4], ARGV[5], ARGV[4])`;

const CREATE = `
  local existing = redis.call('HGET', KEYS[1], 'json')
  if existing then return existing end
  ${WRITE_INDEXES}
  return ARGV[1]`;

const REPLACE = `
  if redis.call('HGET', KEYS[1], 'state') ~= ARGV[6] or redis.call('HGET', KEYS[1], 'count') ~= ARGV[7]
  then return 0 end
  ${WRITE_INDEXES}
  return 1`;

export class RedisLessonRepository implements LessonRepository {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  #args(r: LessonRecord): (string | number)[] {
    const o = r.occurrence;
    return [
      key(o.occurrenceId),
      ACTIVE,
      ALL,
      byCommunity(o.communityId),
      JSON.stringify(r),
      r.state,
      r.transitions.length,
      o.occurrenceId,
      Date.parse(o.start),
    ];
  }

  async get(occurrenceId: string): Promise<LessonRecord | undefined> {
    const json = await this.#redis.hget(key(occurrenceId), 'json');
    return json ? (JSON.parse(json) as LessonRecord) : undefined;
  }

  async create(record: LessonRecord): Promise<LessonRecord> {
    const json = (await this.#redis.eval(CREATE, 4, ...this.#args(record))) as string;
    return JSON.parse(json) as LessonRecord;
  }

  async replace(next: LessonRecord, prev: LessonRecord): Promise<boolean> {
    const done = await this.#redis.eval(
      REPLACE,
      4,
      ...this.#args(next),
      prev.state,
      prev.transitions.length,
    );
    return done === 1;
  }

  async #many(ids: string[]): Promise<LessonRecord[]> {
    if (ids.length === 0) return [];
    const pipeline = this.#redis.pipeline();
    for (const id of ids) pipeline.hget(key(id), 'json');
    const results = (await pipeline.exec()) ?? [];
    return results
      .map(([, json]) => json)
      .filter((json): json is string => typeof json === 'string')
      .map((json) => JSON.parse(json) as LessonRecord);
  }

  async listActive(): Promise<LessonRecord[]> {
    return this.#many(await this.#redis.smembers(ACTIVE));
  }

  async list(q: LessonQuery): Promise<LessonRecord[]> {
    // A teacher's lessons (taught or assisted in, as 辅导教师) are filtered from the
    // community's index, which every caller gives.
    const index = q.communityId ? byCommunity(q.communityId) : ALL;
    const max = q.to !== undefined ? `(${q.to}` : '+inf';
    const min = q.from !== undefined ? String(q.from) : '-inf';
    const ids = await this.#redis.zrevrangebyscore(index, max, min);
    return applyQuery(await this.#many(ids), q);
  }
}
