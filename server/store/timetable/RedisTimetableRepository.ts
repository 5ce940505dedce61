import type { Redis } from 'ioredis';
import {
  flatten,
  type TimetableChange,
  type TimetableKind,
  type TimetableRecords,
  type TimetableRepository,
} from './TimetableRepository';

// tongke:tt:<kind> is a hash id → json; tongke:tt:<kind>:refs a hash id → its refs (to drop
// them on the next write); tongke:tt:ref:<kind>:<ref> a set of ids. One Lua script applies a
// whole change, so other clients see all of it or none. Everything that could fail (JSON,
// revision checks) happens before the first write inside the script.
const records = (kind: string) => `tongke:tt:${kind}`;
const GENERATION = 'tongke:tt:generation';

const APPLY = `
local change = cjson.decode(ARGV[1])
for _, e in ipairs(change.expect) do
  local json = redis.call('HGET', 'tongke:tt:series', e.id)
  if not json or cjson.decode(json).revision ~= e.revision then return 0 end
end
for _, item in ipairs(change.items) do
  local refsKey = 'tongke:tt:' .. item.kind .. ':refs'
  local old = redis.call('HGET', refsKey, item.id)
  if old then
    for _, ref in ipairs(cjson.decode(old)) do
      redis.call('SREM', 'tongke:tt:ref:' .. item.kind .. ':' .. ref, item.id)
    end
  end
  if item.op == 'delete' then
    redis.call('HDEL', 'tongke:tt:' .. item.kind, item.id)
    redis.call('HDEL', refsKey, item.id)
  else
    redis.call('HSET', 'tongke:tt:' .. item.kind, item.id, item.json)
    redis.call('HSET', refsKey, item.id, item.refsJson)
    for _, ref in ipairs(item.refs) do
      redis.call('SADD', 'tongke:tt:ref:' .. item.kind .. ':' .. ref, item.id)
    end
  end
end
redis.call('INCR', '${GENERATION}')
return 1`;

export class RedisTimetableRepository implements TimetableRepository {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async get<K extends TimetableKind>(
    kind: K,
    id: string,
  ): Promise<TimetableRecords[K] | undefined> {
    const json = await this.#redis.hget(records(kind), id);
    return json ? (JSON.parse(json) as TimetableRecords[K]) : undefined;
  }

  async getMany<K extends TimetableKind>(
    kind: K,
    ids: readonly string[],
  ): Promise<TimetableRecords[K][]> {
    if (ids.length === 0) return [];
    const jsons = await this.#redis.hmget(records(kind), ...ids);
    return jsons
      .filter((j): j is string => j !== null)
      .map((j) => JSON.parse(j) as TimetableRecords[K]);
  }

  async list<K extends TimetableKind>(kind: K): Promise<TimetableRecords[K][]> {
    const all = await this.#redis.hgetall(records(kind));
    return Object.keys(all)
      .sort()
      .map((id) => JSON.parse(all[id]!) as TimetableRecords[K]);
  }

  async byRef<K extends TimetableKind>(kind: K, ref: string): Promise<TimetableRecords[K][]> {
    const ids = (await this.#redis.smembers(`tongke:tt:ref:${kind}:${ref}`)).sort();
    return this.getMany(kind, ids);
  }

  async apply(change: TimetableChange): Promise<boolean> {
    // Serialised here, before anything is sent: a record that cannot be stored stops the
    // whole change before the first write.
    const items = [...flatten(change)].map((i) =>
      i.op === 'put' ? { ...i, refsJson: JSON.stringify(i.refs) } : i,
    );
    const payload = JSON.stringify({ expect: change.expectSeries ?? [], items });
    const done = await this.#redis.eval(APPLY, 0, payload);
    return done === 1;
  }

  async generation(): Promise<number> {
    return Number((await this.#redis.get(GENERATION)) ?? 0);
  }
}
