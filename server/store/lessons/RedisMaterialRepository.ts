import type { Redis } from 'ioredis';
import type { Material } from '../../../shared/lessons';
import type { MaterialRepository } from './LessonRepository';

const key = (id: string) => `tongke:material:${id}`;
const byOccurrence = (id: string) => `tongke:materials:occurrence:${id}`;
const bySeries = (id: string) => `tongke:materials:series:${id}`;

export class RedisMaterialRepository implements MaterialRepository {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  #indexOf(m: Material): string | undefined {
    if (m.occurrenceId) return byOccurrence(m.occurrenceId);
    if (m.seriesId) return bySeries(m.seriesId);
    return undefined;
  }

  async add(m: Material): Promise<void> {
    const multi = this.#redis.multi().set(key(m.id), JSON.stringify(m));
    const index = this.#indexOf(m);
    if (index) multi.sadd(index, m.id);
    await multi.exec();
  }

  async get(id: string): Promise<Material | undefined> {
    const json = await this.#redis.get(key(id));
    return json ? (JSON.parse(json) as Material) : undefined;
  }

  async listFor(occurrenceId: string, seriesId: string): Promise<Material[]> {
    const ids = await this.#redis.sunion(byOccurrence(occurrenceId), bySeries(seriesId));
    if (ids.length === 0) return [];
    const values = await this.#redis.mget(ids.map(key));
    return values
      .filter((v): v is string => typeof v === 'string')
      .map((v) => JSON.parse(v) as Material)
      .sort((a, b) => a.uploadedAt - b.uploadedAt || a.id.localeCompare(b.id));
  }

  async remove(id: string): Promise<boolean> {
    const m = await this.get(id);
    if (!m) return false;
    const multi = this.#redis.multi().del(key(id));
    const index = this.#indexOf(m);
    if (index) multi.srem(index, id);
    const results = await multi.exec();
    return results?.[0]?.[1] === 1;
  }
}
