// Notifications (server/notifications): notices per person and signed webhooks, fed by
// the timetable's writes and the lesson clock; routes under /api (tag `notifications`).
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config';
import type { Store } from '../../store/Store';
import type { LessonLifecycle } from '../../lessons/LessonLifecycle';
import type { AttendanceRecorder } from '../../lessons/AttendanceRecorder';
import type { TimetableService } from '../../timetable/TimetableService';
import { Notifier } from '../../notifications/Notifier';
import { WebhookQueue } from '../../notifications/WebhookQueue';
import { noticeRoutes } from './noticeRoutes';
import { webhookRoutes } from './webhookRoutes';

export interface NotificationServices {
  notifier: Notifier;
  queue: WebhookQueue;
  /** takes up pending deliveries (at listen) */
  start(): Promise<void>;
  close(): void;
}

export async function mountNotifications(
  http: FastifyInstance,
  deps: {
    config: Pick<Config, 'webhookRetryMs' | 'noticeAbsentGraceS'>;
    store: Store;
    service: TimetableService;
    lifecycle: LessonLifecycle;
    attendance: AttendanceRecorder;
    now: () => number;
  },
): Promise<NotificationServices> {
  const { store, now } = deps;
  const log = http.log.child({ part: 'notifications' });
  const repo = store.notifications;
  const queue = new WebhookQueue({
    repo,
    now,
    backoffMs: deps.config.webhookRetryMs.split(',').map(Number),
    log,
  });
  const notifier = new Notifier({ repo, queue, service: deps.service, now, log });
  const unfollow = [
    notifier.followTimetable(),
    notifier.followLessons(deps.lifecycle, deps.attendance, deps.config.noticeAbsentGraceS * 1000),
  ];
  await http.register(
    async (api) => {
      await api.register(noticeRoutes, { repo, now });
      await api.register(webhookRoutes, { repo, now });
    },
    { prefix: '/api' },
  );
  return {
    notifier,
    queue,
    start: () => queue.resume(),
    close() {
      for (const f of unfollow) f();
      queue.close();
    },
  };
}
