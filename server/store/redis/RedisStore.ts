import { Redis } from 'ioredis';
import type { Store } from '../Store';
import { consoleLog, type Log } from '../../log';
import { RedisLessonRepository } from '../lessons/RedisLessonRepository';
import { RedisAttendanceRepository } from '../lessons/RedisAttendanceRepository';
import { RedisMaterialRepository } from '../lessons/RedisMaterialRepository';
import { RedisEvaluationRepository } from '../evaluation/RedisEvaluationRepository';
import { RedisResearchRepository } from '../research/RedisResearchRepository';
import { RedisAuthRepository } from '../auth/RedisAuthRepository';
import { RedisTimetableRepository } from '../timetable/RedisTimetableRepository';
import { RedisSecurityRepository } from '../security/RedisSecurityRepository';
import { RedisRecordingPolicyRepository } from '../recording/RedisRecordingPolicyRepository';
import { RedisLessonLogRepository } from '../lessons/RedisLessonLogRepository';
import { RedisNotificationRepository } from '../notifications/RedisNotificationRepository';
import { RedisDownlinkBudgetRepository } from '../budget/RedisDownlinkBudgetRepository';

/** The multi-node backend: Redis (AOF on in production, see infra/redis). */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly redis: Redis;
  readonly lessons: RedisLessonRepository;
  readonly attendance: RedisAttendanceRepository;
  readonly materials: RedisMaterialRepository;
  readonly research: RedisResearchRepository;
  readonly evaluation: RedisEvaluationRepository;
  readonly auth: RedisAuthRepository;
  readonly timetable: RedisTimetableRepository;
  readonly security: RedisSecurityRepository;
  readonly recording: RedisRecordingPolicyRepository;
  readonly lessonLog: RedisLessonLogRepository;
  readonly notifications: RedisNotificationRepository;
  readonly downlinkBudgets: RedisDownlinkBudgetRepository;

  static async connect(url: string, log: Log = consoleLog): Promise<RedisStore> {
    // A command waits through a blip (a few reconnection attempts, well under a second),
    // then fails: the edge tells the client "unavailable" (reachable() is false then).
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    await redis.connect();
    // ioredis reconnects by itself; say once when Redis is lost and once when it is back.
    let lost = false;
    redis.on('error', (error: Error) => {
      if (lost) return;
      lost = true;
      log.error({ err: error.message }, 'redis unreachable; reconnecting');
    });
    redis.on('ready', () => {
      if (!lost) return;
      lost = false;
      log.warn({}, 'redis reachable again');
    });
    return new RedisStore(redis);
  }

  private constructor(redis: Redis) {
    this.redis = redis;
    this.lessons = new RedisLessonRepository(redis);
    this.attendance = new RedisAttendanceRepository(redis);
    this.materials = new RedisMaterialRepository(redis);
    this.research = new RedisResearchRepository(redis);
    this.evaluation = new RedisEvaluationRepository(redis);
    this.auth = new RedisAuthRepository(redis);
    this.timetable = new RedisTimetableRepository(redis);
    this.security = new RedisSecurityRepository(redis);
    this.recording = new RedisRecordingPolicyRepository(redis);
    this.lessonLog = new RedisLessonLogRepository(redis);
    this.notifications = new RedisNotificationRepository(redis);
    this.downlinkBudgets = new RedisDownlinkBudgetRepository(redis);
  }

  reachable(): boolean {
    return this.redis.status === 'ready';
  }

  async close(): Promise<void> {
    if (this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
