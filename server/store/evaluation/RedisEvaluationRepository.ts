import type { Redis } from 'ioredis';
import type { LessonFacts, Review, Rubric, RubricScope } from '../../../shared/evaluation';
import { byStartThenId, byTimeThenId, type EvaluationRepository } from './EvaluationRepository';

// Facts and reviews: one hash per community (id → JSON) beside a sorted set by lesson start,
// written together in MULTI so an index never names a record that is not there.
const facts = (community: string) => `tongke:evaluation:facts:${community}`;
const factsByStart = (community: string) => `tongke:evaluation:facts-by-start:${community}`;
const reviews = (community: string) => `tongke:evaluation:reviews:${community}`;
const reviewsByStart = (community: string) => `tongke:evaluation:reviews-by-start:${community}`;
const reviewsOfLesson = (occurrenceId: string) =>
  `tongke:evaluation:lesson-reviews:${occurrenceId}`;
const rubricKey = (scope: RubricScope, id: string) => `tongke:evaluation:rubric:${scope}:${id}`;

export class RedisEvaluationRepository implements EvaluationRepository {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async putFacts(list: readonly LessonFacts[]): Promise<void> {
    if (list.length === 0) return;
    const multi = this.#redis.multi();
    for (const f of list) {
      multi.hset(facts(f.communityId), f.occurrenceId, JSON.stringify(f));
      multi.zadd(factsByStart(f.communityId), f.start, f.occurrenceId);
    }
    await multi.exec();
  }

  async #between(hash: string, index: string, from: number, to: number): Promise<string[]> {
    const ids = await this.#redis.zrangebyscore(index, from, `(${to}`);
    if (ids.length === 0) return [];
    const jsons = await this.#redis.hmget(hash, ...ids);
    return jsons.filter((j): j is string => typeof j === 'string');
  }

  async factsBetween(communityId: string, from: number, to: number): Promise<LessonFacts[]> {
    const jsons = await this.#between(facts(communityId), factsByStart(communityId), from, to);
    return jsons.map((j) => JSON.parse(j) as LessonFacts).sort(byStartThenId);
  }

  async addReview(review: Review): Promise<void> {
    const json = JSON.stringify(review);
    await this.#redis
      .multi()
      .hset(reviews(review.communityId), review.id, json)
      .zadd(reviewsByStart(review.communityId), review.lessonStart, review.id)
      .rpush(reviewsOfLesson(review.occurrenceId), json)
      .exec();
  }

  async reviewsOf(occurrenceId: string): Promise<Review[]> {
    const jsons = await this.#redis.lrange(reviewsOfLesson(occurrenceId), 0, -1);
    return jsons.map((j) => JSON.parse(j) as Review).sort(byTimeThenId);
  }

  async reviewsBetween(communityId: string, from: number, to: number): Promise<Review[]> {
    const jsons = await this.#between(reviews(communityId), reviewsByStart(communityId), from, to);
    return jsons.map((j) => JSON.parse(j) as Review).sort(byTimeThenId);
  }

  async rubric(scope: RubricScope, id: string): Promise<Rubric | undefined> {
    const json = await this.#redis.get(rubricKey(scope, id));
    return json ? (JSON.parse(json) as Rubric) : undefined;
  }

  async setRubric(scope: RubricScope, id: string, rubric: Rubric): Promise<void> {
    await this.#redis.set(rubricKey(scope, id), JSON.stringify(rubric));
  }
}
