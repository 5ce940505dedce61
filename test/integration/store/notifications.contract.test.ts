// Notices, reads, webhooks and deliveries on both stores.
import { describe, expect, it } from 'vitest';
import type { Delivery, Notice } from '../../../shared/notifications';
import type { WebhookRecord } from '../../../server/store/notifications/NotificationRepository';
import { backends, useStore } from '../lessons/support/backends';

const notice = (id: string, audience: string, at: number): Notice => ({
  id,
  audience,
  communityId: 'c1',
  kind: 'lesson_moved',
  at,
  params: { subject: '数学', date: '2026-09-08', to: '2026-09-09 10:00' },
  occurrenceId: 'ser-1:2026-09-08',
});
const hook = (id: string, communityId: string, createdAt: number): WebhookRecord => ({
  id,
  communityId,
  url: `https://example.org/${id}`,
  description: '',
  createdAt,
  createdBy: 'u1',
  secret: `whsec_${id}`,
});
const delivery = (id: string, webhookId: string, createdAt: number, over: Partial<Delivery> = {}) =>
  ({
    id,
    webhookId,
    noticeId: 'n1',
    kind: 'lesson_moved',
    body: '{"x":1}',
    status: 'pending',
    attempts: 0,
    createdAt,
    nextAttemptAt: createdAt,
    ...over,
  }) satisfies Delivery;

describe.each(backends)('notification repository on %s', (kind) => {
  const store = useStore(kind);

  it('lists the notices of the audiences asked, newest first, up to the limit', async () => {
    const repo = store().notifications;
    await repo.addNotices([
      notice('n1', 'teacher:t1', 100),
      notice('n2', 'coordinator:c1', 300),
      notice('n3', 'teacher:t1', 200),
      notice('n4', 'teacher:t2', 400),
    ]);
    expect((await repo.noticesFor(['teacher:t1'], 50)).map((n) => n.id)).toEqual(['n3', 'n1']);
    expect((await repo.noticesFor(['teacher:t1', 'coordinator:c1'], 2)).map((n) => n.id)).toEqual([
      'n2',
      'n3',
    ]);
    expect((await repo.noticesFor(['teacher:t1'], 50))[1]).toEqual(notice('n1', 'teacher:t1', 100));
    expect(await repo.noticesFor([], 50)).toEqual([]);
    expect(await repo.noticesFor(['school:none'], 50)).toEqual([]);
  });

  it('keeps what each person read, by their own sub', async () => {
    const repo = store().notifications;
    await repo.addNotices([notice('n1', 'coordinator:c1', 1), notice('n2', 'coordinator:c1', 2)]);
    await repo.markRead('u1', ['n1'], 10);
    await repo.markRead('u1', ['n1'], 11); // twice is once
    expect([...(await repo.readBy('u1', ['n1', 'n2']))]).toEqual(['n1']);
    expect([...(await repo.readBy('u2', ['n1', 'n2']))]).toEqual([]);
    await repo.markRead('u2', ['n1', 'n2'], 12);
    expect([...(await repo.readBy('u2', ['n1', 'n2']))].sort()).toEqual(['n1', 'n2']);
    expect([...(await repo.readBy('u1', []))]).toEqual([]);
  });

  it('keeps webhooks by community, oldest first, with their secret; removes one with its log', async () => {
    const repo = store().notifications;
    await repo.putWebhook(hook('w2', 'c1', 20));
    await repo.putWebhook(hook('w1', 'c1', 10));
    await repo.putWebhook(hook('w3', 'c2', 5));
    expect((await repo.webhooksOf('c1')).map((w) => w.id)).toEqual(['w1', 'w2']);
    expect(await repo.webhook('w1')).toEqual(hook('w1', 'c1', 10));
    await repo.putDelivery(delivery('d1', 'w1', 100));
    expect(await repo.removeWebhook('w1')).toBe(true);
    expect(await repo.removeWebhook('w1')).toBe(false);
    expect(await repo.webhook('w1')).toBeUndefined();
    expect((await repo.webhooksOf('c1')).map((w) => w.id)).toEqual(['w2']);
    expect(await repo.deliveriesOf('w1', 10)).toEqual([]);
    expect(await repo.pendingDeliveries()).toEqual([]);
  });

  it('keeps each delivery by id, its log newest first, and finds those still pending', async () => {
    const repo = store().notifications;
    await repo.putWebhook(hook('w1', 'c1', 10));
    await repo.putDelivery(delivery('d1', 'w1', 100));
    await repo.putDelivery(delivery('d2', 'w1', 200));
    await repo.putDelivery(delivery('d3', 'w9', 150));
    const failedOnce = delivery('d1', 'w1', 100, {
      attempts: 1,
      lastStatus: 500,
      lastError: 'HTTP 500',
      nextAttemptAt: 1100,
    });
    await repo.putDelivery(failedOnce);
    expect(await repo.deliveriesOf('w1', 10)).toEqual([delivery('d2', 'w1', 200), failedOnce]);
    expect((await repo.deliveriesOf('w1', 1)).map((d) => d.id)).toEqual(['d2']);
    expect((await repo.pendingDeliveries()).map((d) => d.id)).toEqual(['d1', 'd3', 'd2']);
    const { nextAttemptAt: _, ...rest } = delivery('d2', 'w1', 200);
    await repo.putDelivery({ ...rest, status: 'delivered', attempts: 1, deliveredAt: 210 });
    await repo.putDelivery({ ...failedOnce, status: 'failed' });
    expect((await repo.pendingDeliveries()).map((d) => d.id)).toEqual(['d3']);
  });
});
