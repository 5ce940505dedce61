import type { Redis } from 'ioredis';
import type { AdhocGrant, AuditEntry } from '../../../shared/security';
import type { FeedRecord, SecurityRepository, SignInCodeRecord } from './SecurityRepository';

const grantKey = (roomId: string) => `tongke:adhoc:${roomId}`;
/** room ids of a community's grants, scored by creation time */
const communityGrantsKey = (id: string) => `tongke:adhoc-in:${id}`;
const versionKey = (subject: string) => `tongke:token-version:${subject}`;
const auditKey = (communityId: string) => `tongke:audit:${communityId}`;
const disabledKey = (subject: string) => `tongke:disabled:${subject}`;
const codeKey = (hash: string) => `tongke:sign-in-code:${hash}`;
const feedKey = (id: string) => `tongke:ical-feed:${id}`;
const feedTokenKey = (hash: string) => `tongke:ical-feed-token:${hash}`;
/** feed ids of an owner, scored by creation time */
const ownerFeedsKey = (sub: string) => `tongke:ical-feeds-of:${sub}`;
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

  async setDisabled(subject: string, at: number | undefined): Promise<void> {
    if (at === undefined) await this.#redis.del(disabledKey(subject));
    else await this.#redis.set(disabledKey(subject), String(at), 'NX');
  }

  async disabledAt(subject: string): Promise<number | undefined> {
    const at = await this.#redis.get(disabledKey(subject));
    return at === null ? undefined : Number(at);
  }

  async addSignInCode(codeHash: string, record: SignInCodeRecord): Promise<void> {
    // Redis forgets it some time after it expired; the record's own expiry is what counts.
    const ttl = Math.max(1, record.expiresAt - record.issuedAt) + 60_000;
    await this.#redis.set(codeKey(codeHash), JSON.stringify(record), 'PX', ttl);
  }

  async consumeSignInCode(codeHash: string, now: number): Promise<SignInCodeRecord | undefined> {
    // GETDEL: of two requests racing with one code, one gets it.
    const json = await this.#redis.getdel(codeKey(codeHash));
    if (!json) return undefined;
    const record = JSON.parse(json) as SignInCodeRecord;
    return record.expiresAt > now ? record : undefined;
  }

  async addFeed(feed: FeedRecord): Promise<void> {
    await this.#redis
      .multi()
      .set(feedKey(feed.id), JSON.stringify(feed))
      .set(feedTokenKey(feed.tokenHash), feed.id)
      .zadd(ownerFeedsKey(feed.ownerSub), feed.createdAt, feed.id)
      .exec();
  }

  async feedByTokenHash(tokenHash: string): Promise<FeedRecord | undefined> {
    const id = await this.#redis.get(feedTokenKey(tokenHash));
    return id ? this.feed(id) : undefined;
  }

  async feed(id: string): Promise<FeedRecord | undefined> {
    const json = await this.#redis.get(feedKey(id));
    return json ? (JSON.parse(json) as FeedRecord) : undefined;
  }

  async feedsOf(ownerSub: string): Promise<FeedRecord[]> {
    const ids = await this.#redis.zrevrange(ownerFeedsKey(ownerSub), 0, -1);
    if (ids.length === 0) return [];
    const found = await this.#redis.mget(ids.map(feedKey));
    return found.filter((j) => j !== null).map((j) => JSON.parse(j) as FeedRecord);
  }

  async revokeFeed(id: string, at: number): Promise<FeedRecord | undefined> {
    const feed = await this.feed(id);
    if (!feed || feed.revokedAt !== undefined) return feed;
    const revoked: FeedRecord = { ...feed, revokedAt: at };
    await this.#redis.set(feedKey(id), JSON.stringify(revoked));
    return revoked;
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
