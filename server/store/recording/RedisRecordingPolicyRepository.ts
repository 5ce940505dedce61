import type { Redis } from 'ioredis';
import type { RecordingPolicy } from '../../../shared/recording';
import type { RecordingPolicyRepository } from './RecordingPolicyRepository';

/** one hash: community id → the policy's JSON (a district has tens of communities) */
const POLICIES = 'tongke:recording-policies';

export class RedisRecordingPolicyRepository implements RecordingPolicyRepository {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async policy(communityId: string): Promise<RecordingPolicy | undefined> {
    const json = await this.#redis.hget(POLICIES, communityId);
    return json ? (JSON.parse(json) as RecordingPolicy) : undefined;
  }

  async putPolicy(policy: RecordingPolicy): Promise<void> {
    await this.#redis.hset(POLICIES, policy.communityId, JSON.stringify(policy));
  }

  async policies(): Promise<RecordingPolicy[]> {
    const all = await this.#redis.hgetall(POLICIES);
    return Object.keys(all)
      .sort()
      .map((id) => JSON.parse(all[id]!) as RecordingPolicy);
  }
}
