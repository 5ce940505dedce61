import type { Redis } from 'ioredis';
import type { ResearchRepository } from './ResearchRepository';

const key = (sessionId: string) => `tongke:research:${sessionId}:updates`;

export class RedisResearchRepository implements ResearchRepository {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async appendUpdate(sessionId: string, update: Uint8Array): Promise<void> {
    await this.#redis.rpush(key(sessionId), Buffer.from(update));
  }

  async updates(sessionId: string): Promise<Uint8Array[]> {
    const items = await this.#redis.lrangeBuffer(key(sessionId), 0, -1);
    return items.map((b) => new Uint8Array(b));
  }

  async compact(sessionId: string, merged: Uint8Array, count: number): Promise<void> {
    // Appends go to the tail, so trimming the first `count` and pushing the merged update
    // on the head is exact even if updates arrived since they were read.
    await this.#redis
      .multi()
      .ltrim(key(sessionId), count, -1)
      .lpush(key(sessionId), Buffer.from(merged))
      .exec();
  }
}
