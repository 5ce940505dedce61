import type { Redis } from 'ioredis';
import type { AttendanceEvent } from '../../../shared/lessons';
import type { AttendanceRepository } from './LessonRepository';

const key = (occurrenceId: string) => `tongke:attendance:${occurrenceId}`;

export class RedisAttendanceRepository implements AttendanceRepository {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async append(event: AttendanceEvent): Promise<void> {
    await this.#redis.rpush(key(event.occurrenceId), JSON.stringify(event));
  }

  async list(occurrenceId: string): Promise<AttendanceEvent[]> {
    const items = await this.#redis.lrange(key(occurrenceId), 0, -1);
    return items.map((json) => JSON.parse(json) as AttendanceEvent);
  }
}
