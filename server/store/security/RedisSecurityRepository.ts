import type { Redis } from 'ioredis';
import type { AdhocGrant, AuditEntry } from '../../../shared/security';
import type { SecurityRepository } from './SecurityRepository';

const grantKey = (roomId: string) => `tongke:adhoc:${roomId}`;
/** room ids of a community's grants, scored by creation time */
const communityGrantsKey = (id: string) => `tongke:adhoc-in:${id}`;
const versionKey = (subject: string) => `tongke:token-version:${subject}`;
const auditKey = (communityId: string) => `tongke:audit:${communityId}`;
/** a community's audit log keeps this many entries (a school year of changes) */
const AUDIT_KEEP = 100_000;

export class RedisSecurityRepository implements SecurityRepository {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async addGrant(g: AdhocGrant): Promise<boolean> {
    const set = await this.#redis.set(grantKey(g.roomId), JSON.stringify(g), 'NX');
    if (set !== 'OK') return false;
    await this.#redis.zadd(communityGrantsKey(g.communityId), g.createdAt, g.roomId);
    return true;
  }

  async grant(roomId: string): Promise<AdhocGrant | undefined> {
    const json = await this.#redis.get(grantKey(roomId));
    return json ? (JSON.parse(json) as AdhocGrant) : undefined;
  }

  async grantsIn(communityId: string): Promise<AdhocGrant[]> {
    const ids = await this.#redis.zrevrange(communityGrantsKey(communityId), 0, -1);
    if (ids.length === 0) return [];
    const found = await this.#redis.mget(ids.map(grantKey));
    return found.filter((j) => j !== null).map((j) => JSON.parse(j) as AdhocGrant);
  }

  async deleteGrant(roomId: string): Promise<boolean> {
    const grant = await this.grant(roomId);
    if (!grant) return false;
    await this.#redis
      .multi()
      .del(grantKey(roomId))
      .zrem(communityGrantsKey(grant.communityId), roomId)
      .exec();
    return true;
  }

  async tokenVersion(subject: string): Promise<number> {
    return Number((await this.#redis.get(versionKey(subject))) ?? 0);
  }

  async bumpTokenVersion(subject: string): Promise<number> {
    return this.#redis.incr(versionKey(subject));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.#redis
      .multi()
      .lpush(auditKey(entry.communityId), JSON.stringify(entry))
      .ltrim(auditKey(entry.communityId), 0, AUDIT_KEEP - 1)
      .exec();
  }

  async auditIn(communityId: string, limit: number): Promise<AuditEntry[]> {
    const rows = await this.#redis.lrange(auditKey(communityId), 0, limit - 1);
    return rows.map((j) => JSON.parse(j) as AuditEntry);
  }
}
