import type { Redis } from 'ioredis';
import type { LessonLogEvent } from '../../../shared/lessonLog';
import type { LessonLogRepository } from './LessonLogRepository';
import { knownEvents } from './lessonLogLines';

const key = (occurrenceId: string) => `tongke:lessonlog:${occurrenceId}`;

/** One list per occurrence: RPUSH keeps the order the one writer appended in. */
export class RedisLessonLogRepository implements LessonLogRepository {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async append(occurrenceId: string, event: LessonLogEvent): Promise<void> {
    await this.#redis.rpush(key(occurrenceId), JSON.stringify(event));
  }

  async list(occurrenceId: string): Promise<LessonLogEvent[]> {
    return knownEvents(await this.#redis.lrange(key(occurrenceId), 0, -1));
  }
}
