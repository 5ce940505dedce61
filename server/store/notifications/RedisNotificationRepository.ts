import type { Redis } from 'ioredis';
import type { Delivery, Notice } from '../../../shared/notifications';
import {
  newestFirst,
  type NotificationRepository,
  type WebhookRecord,
} from './NotificationRepository';

// Records in one hash per kind (id → JSON) beside sorted sets by time, written together in
// MULTI so an index never names a record that is not there.
const notices = 'tongke:notices';
const byAudience = (audience: string) => `tongke:notices:audience:${audience}`;
const reads = (sub: string) => `tongke:notice-reads:${sub}`;
const webhooks = 'tongke:webhooks';
const webhooksOf = (community: string) => `tongke:webhooks:community:${community}`;
const deliveries = 'tongke:webhook-deliveries';
const deliveriesOf = (webhookId: string) => `tongke:webhook-deliveries:webhook:${webhookId}`;
const pending = 'tongke:webhook-deliveries:pending';

const parse = <T>(jsons: (string | null)[]) =>
  jsons.filter((j): j is string => typeof j === 'string').map((j) => JSON.parse(j) as T);

export class RedisNotificationRepository implements NotificationRepository {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async addNotices(list: readonly Notice[]): Promise<void> {
    if (list.length === 0) return;
    const multi = this.#redis.multi();
    for (const n of list) {
      multi.hset(notices, n.id, JSON.stringify(n));
      multi.zadd(byAudience(n.audience), n.at, n.id);
    }
    await multi.exec();
  }

  async noticesFor(audiences: readonly string[], limit: number): Promise<Notice[]> {
    if (audiences.length === 0) return [];
    const ids = (
      await Promise.all(audiences.map((a) => this.#redis.zrevrange(byAudience(a), 0, limit - 1)))
    ).flat();
    if (ids.length === 0) return [];
    const list = parse<Notice>(await this.#redis.hmget(notices, ...ids));
    return list.sort(newestFirst((n) => n.at)).slice(0, limit);
  }

  async markRead(sub: string, noticeIds: readonly string[]): Promise<void> {
    if (noticeIds.length) await this.#redis.sadd(reads(sub), ...noticeIds);
  }

  async readBy(sub: string, noticeIds: readonly string[]): Promise<Set<string>> {
    if (noticeIds.length === 0) return new Set();
    const flags = await this.#redis.smismember(reads(sub), ...noticeIds);
    return new Set(noticeIds.filter((_, i) => flags[i] === 1));
  }

  async putWebhook(w: WebhookRecord): Promise<void> {
    await this.#redis
      .multi()
      .hset(webhooks, w.id, JSON.stringify(w))
      .zadd(webhooksOf(w.communityId), w.createdAt, w.id)
      .exec();
  }

  async webhook(id: string): Promise<WebhookRecord | undefined> {
    const j = await this.#redis.hget(webhooks, id);
    return j ? (JSON.parse(j) as WebhookRecord) : undefined;
  }

  async webhooksOf(communityId: string): Promise<WebhookRecord[]> {
    const ids = await this.#redis.zrange(webhooksOf(communityId), 0, -1);
    return ids.length ? parse<WebhookRecord>(await this.#redis.hmget(webhooks, ...ids)) : [];
  }

  async removeWebhook(id: string): Promise<boolean> {
    const w = await this.webhook(id);
    if (!w) return false;
    const ids = await this.#redis.zrange(deliveriesOf(id), 0, -1);
    const multi = this.#redis
      .multi()
      .hdel(webhooks, id)
      .zrem(webhooksOf(w.communityId), id)
      .del(deliveriesOf(id));
    if (ids.length) multi.hdel(deliveries, ...ids).srem(pending, ...ids);
    await multi.exec();
    return true;
  }

  async putDelivery(d: Delivery): Promise<void> {
    const multi = this.#redis
      .multi()
      .hset(deliveries, d.id, JSON.stringify(d))
      .zadd(deliveriesOf(d.webhookId), d.createdAt, d.id);
    if (d.status === 'pending') multi.sadd(pending, d.id);
    else multi.srem(pending, d.id);
    await multi.exec();
  }

  async deliveriesOf(webhookId: string, limit: number): Promise<Delivery[]> {
    const ids = await this.#redis.zrevrange(deliveriesOf(webhookId), 0, limit - 1);
    if (ids.length === 0) return [];
    const list = parse<Delivery>(await this.#redis.hmget(deliveries, ...ids));
    return list.sort(newestFirst((d) => d.createdAt));
  }

  async pendingDeliveries(): Promise<Delivery[]> {
    const ids = await this.#redis.smembers(pending);
    if (ids.length === 0) return [];
    const list = parse<Delivery>(await this.#redis.hmget(deliveries, ...ids));
    return list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }
}
