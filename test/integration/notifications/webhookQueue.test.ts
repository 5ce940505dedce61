// The webhook queue against real HTTP receivers: it gives up after the schedule with the
// last error kept, takes up pending deliveries after a restart, and records a receiver
// that cannot be reached.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery, Notice } from '../../../shared/notifications';
import { SqliteStore } from '../../../server/store/sqlite/SqliteStore';
import { WebhookQueue } from '../../../server/notifications/WebhookQueue';
import { verify } from '../../../server/notifications/signing';
import { freePort } from '../../helpers/freePort';

const log = { warn: () => undefined };
const notice: Notice = {
  id: 'ntc-1',
  audience: 'teacher:teacher-wang',
  communityId: 'c1',
  kind: 'lesson_cancelled',
  at: 1,
  params: { subject: '数学', date: '2026-09-08' },
};

async function receiver(status: number) {
  const bodies: string[] = [];
  const headers: Record<string, string | string[] | undefined>[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      headers.push(req.headers);
      res.writeHead(status).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}/`, bodies, headers, server };
}

describe('webhook queue', () => {
  const closing: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of closing.splice(0)) await c();
  });

  async function setUp(url: string, backoffMs: number[]) {
    const store = SqliteStore.memory();
    const repo = store.notifications;
    await repo.putWebhook({
      id: 'w1',
      communityId: 'c1',
      url,
      description: '',
      createdAt: 0,
      createdBy: 'u1',
      secret: 'whsec_test',
    });
    const queue = new WebhookQueue({ repo, now: Date.now, backoffMs, timeoutMs: 2000, log });
    closing.push(
      () => queue.close(),
      () => store.close(),
    );
    const logOf = async () => (await repo.deliveriesOf('w1', 10))[0];
    return { store, repo, queue, logOf };
  }

  it('gives up after the schedule, keeping the attempts and the last error', async () => {
    const down = await receiver(503);
    closing.push(() => down.server.close());
    const { queue, logOf } = await setUp(down.url, [50, 100]);
    await queue.enqueue([notice]);
    await expect.poll(async () => (await logOf())?.status, { timeout: 10_000 }).toBe('failed');
    expect(await logOf()).toMatchObject({ attempts: 3, lastStatus: 503, lastError: 'HTTP 503' });
    expect(down.bodies).toHaveLength(3);
    const h = down.headers[0]!;
    expect(
      verify(
        'whsec_test',
        {
          signature: h['x-tongke-signature'] as string,
          timestamp: h['x-tongke-timestamp'] as string,
        },
        down.bodies[0]!,
        Date.now(),
      ),
    ).toBe(true);
  });

  it('takes up a delivery left pending by a stopped server', async () => {
    const up = await receiver(204);
    closing.push(() => up.server.close());
    const { repo, queue, logOf } = await setUp(up.url, [50]);
    const pending: Delivery = {
      id: 'dlv-left',
      webhookId: 'w1',
      noticeId: 'ntc-1',
      kind: 'lesson_cancelled',
      body: '{"id":"dlv-left"}',
      status: 'pending',
      attempts: 1,
      createdAt: Date.now() - 60_000,
      nextAttemptAt: Date.now() - 1000,
      lastError: 'HTTP 500',
    };
    await repo.putDelivery(pending);
    await queue.resume();
    await expect.poll(async () => (await logOf())?.status, { timeout: 10_000 }).toBe('delivered');
    expect(await logOf()).toMatchObject({ attempts: 2, lastStatus: 204 });
    expect(up.bodies).toEqual(['{"id":"dlv-left"}']);
    expect(await repo.pendingDeliveries()).toEqual([]);
  });

  it('records a receiver that cannot be reached as the last error', async () => {
    const port = await freePort(); // nobody listens there
    const { queue, logOf } = await setUp(`http://127.0.0.1:${port}/`, []);
    await queue.enqueue([notice]);
    await expect.poll(async () => (await logOf())?.status, { timeout: 10_000 }).toBe('failed');
    const entry = await logOf();
    expect(entry?.attempts).toBe(1);
    expect(entry?.lastStatus).toBeUndefined();
    expect(entry?.lastError).toBeTruthy();
  });
});
