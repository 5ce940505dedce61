// Telling people: a coordinator moves a lesson, and the affected teacher's open screen
// shows the notice (unread, then read) where she can see it; the community's webhook
// receiver (a real HTTP server here) gets the delivery signed with its secret, and a
// receiver that fails twice is retried until its third attempt gets through.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from '../helpers/chromium';
import { freePort } from '../helpers/freePort';
import { expectClickable, keepScreenshots } from '../helpers/screen';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { publishedSeries } from '../helpers/evaluationWorld';
import { client, ruian, seedWorld, tokenFor } from '../integration/timetable/support/world';
import { member } from '../unit/timetable/support/world';
import { spec } from '../unit/timetable/support/world';
import { verify } from '../../server/notifications/signing';
import type { Delivery, NewWebhookReply, WebhookPayload } from '../../shared/notifications';

// The server's clock stands on the Monday before the lesson (Tuesday 2026-09-08 第2节).
const NOW = Date.parse('2026-09-07T09:00:00+08:00');

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A webhook receiver on a free port; `answers` are the statuses it gives, in turn, then 200. */
async function receiver(answers: number[] = []): Promise<{
  url: string;
  got: Received[];
  close(): Promise<void>;
}> {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      res.writeHead(answers.shift() ?? 200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${port}/tongke`,
    got,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe('notices and webhooks', () => {
  let server: TestServer;
  let browser: Browser;
  let coordinator: ReturnType<typeof client>;
  const receivers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    server = await startTongke({ webhookRetryMs: '300,600,1200' }, { now: () => NOW });
    await seedWorld(server);
    await server.tongke.store.timetable.apply({
      put: { series: [publishedSeries('math', ruian.id, spec(), [member.id], NOW - 86_400_000)] },
    });
    coordinator = client(
      server,
      tokenFor(server, { role: 'coordinator', sub: 'coord-1', communityIds: [ruian.id] }),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const r of receivers) await r.close();
    await server?.close();
  });

  async function teacherScreen(): Promise<Page> {
    const token = tokenFor(server, {
      role: 'teacher',
      sub: 'user-wang',
      name: '王老师',
      teacherId: 'teacher-wang',
      communityIds: [ruian.id],
    });
    const page = await browser.newPage(`${server.url}/teacher/`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.evaluate((t) => sessionStorage.setItem('tongke.token', t), token);
    await page.reload();
    await page.waitForSelector('.notice-bell .notice-count', { timeout: 30_000 });
    return page;
  }

  async function register(url: string): Promise<NewWebhookReply> {
    const res = await coordinator.post(`/communities/${ruian.id}/webhooks`, {
      url,
      description: '区县钉钉转发',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as NewWebhookReply;
  }

  it('a moved lesson shows on the teacher’s open screen and reaches the webhook, signed', async () => {
    const hook = await receiver();
    receivers.push(hook);
    const webhook = await register(hook.url);
    expect(webhook.secret).toMatch(/^whsec_/);
    // The secret is shown once: the list never has it.
    const list = await coordinator.get(`/communities/${ruian.id}/webhooks`);
    expect(list.body).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);

    const page = await teacherScreen();
    const count = page.locator('.notice-bell .notice-count');
    expect(await count.getAttribute('data-unread')).toBe('0');

    const moved = await coordinator.put(
      `/communities/${ruian.id}/occurrences/${encodeURIComponent('math:2026-09-08')}`,
      { moveTo: { date: '2026-09-10', period: 3 }, note: '运动会' },
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    // Her screen asks again when it comes back into view (and every 30 s anyway).
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => count.getAttribute('data-unread'), { timeout: 45_000 }).toBe('1');
    const bell = page.locator('.notice-bell .notice-button');
    await expectClickable(bell, 'the notice bell');
    await bell.click();
    const notice = page.locator('.notice-list li[data-kind="lesson_moved"]');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.getAttribute('data-read')).toBe('false');
    expect(await notice.locator('.notice-text').textContent()).toBe(
      '2026-09-08 的数学课调至 2026-09-10 09:40',
    );
    await expectClickable(notice, 'the moved-lesson notice');
    await keepScreenshots(page, 'notice-unread');
    await notice.click();
    await expect.poll(() => notice.getAttribute('data-read'), { timeout: 10_000 }).toBe('true');
    expect(await count.getAttribute('data-unread')).toBe('0');
    await keepScreenshots(page, 'notice-read');

    // The receiver got it, and the signature holds with the secret it was shown.
    await expect.poll(() => hook.got.length, { timeout: 15_000 }).toBe(1);
    const [delivery] = hook.got;
    const signed = {
      signature: delivery!.headers['x-tongke-signature'] as string,
      timestamp: delivery!.headers['x-tongke-timestamp'] as string,
    };
    expect(signed.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verify(webhook.secret, signed, delivery!.body, NOW)).toBe(true);
    expect(verify('whsec_someone-else', signed, delivery!.body, NOW)).toBe(false);
    const payload = JSON.parse(delivery!.body) as WebhookPayload;
    expect(payload).toMatchObject({
      type: 'lesson_moved',
      communityId: ruian.id,
      audience: 'teacher:teacher-wang',
      occurrenceId: 'math:2026-09-08',
      text: { zh: '2026-09-08 的数学课调至 2026-09-10 09:40' },
    });
    expect(delivery!.headers['x-tongke-delivery']).toBe(payload.id);

    // Her screen also offers her calendar subscription, with a feed token of its own.
    const calendar = page.locator('details.calendar-link');
    await calendar.locator('summary').click();
    const make = calendar.locator('button[data-action="feed-new"]');
    await expectClickable(make, 'the subscribe button');
    await make.click();
    const address = calendar.locator('input[name="feed-url"]');
    await expect.poll(() => address.inputValue(), { timeout: 10_000 }).toContain('token=');
    const feedUrl = await address.inputValue();
    expect(feedUrl).toContain('/api/ical/teachers/teacher-wang.ics?token=');
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    await keepScreenshots(page, 'notice-calendar-link');
    await calendar.locator('button[data-action="feed-revoke"]').click();
    await expect.poll(() => fetch(feedUrl).then((r) => r.status), { timeout: 10_000 }).toBe(401);
    await page.close();
  });

  it('a proposal waiting for a school shows on the coordinator’s screen', async () => {
    const token = tokenFor(server, {
      role: 'coordinator',
      sub: 'coord-2',
      communityIds: [ruian.id],
    });
    const draft = await coordinator.post(`/communities/${ruian.id}/series`, {
      spec: spec({ subject: '科学', weekday: 4, period: 5 }),
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const id = (draft.body as { series: { id: string } }).series.id;
    const proposed = await coordinator.post(`/communities/${ruian.id}/series/${id}/propose`);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
    const page = await browser.newPage(
      `${server.url}/coordinator/?token=${encodeURIComponent(token)}&date=2026-09-08`,
    );
    await page.setViewportSize({ width: 1366, height: 768 });
    const count = page.locator('.notice-bell .notice-count');
    await expect.poll(() => count.getAttribute('data-unread'), { timeout: 45_000 }).toBe('1');
    const bell = page.locator('.notice-bell .notice-button');
    await expectClickable(bell, 'the coordinator’s notice bell');
    await bell.click();
    const notice = page.locator('.notice-list li[data-kind="proposal_waiting"]');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.locator('.notice-text').textContent()).toContain('等待');
    await expectClickable(notice, 'the proposal notice');
    await keepScreenshots(page, 'notice-coordinator');
    await page.locator('.notice-read-all').click();
    await expect.poll(() => count.getAttribute('data-unread'), { timeout: 10_000 }).toBe('0');
    await page.close();
  });

  it('a receiver that answers 500 twice is retried, and the log shows three attempts', async () => {
    const flaky = await receiver([500, 500]);
    receivers.push(flaky);
    const webhook = await register(flaky.url);
    const cancelled = await coordinator.put(
      `/communities/${ruian.id}/occurrences/${encodeURIComponent('math:2026-09-15')}`,
      { cancelled: true },
    );
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);

    const log = () =>
      coordinator
        .get(`/communities/${ruian.id}/webhooks/${webhook.id}/deliveries`)
        .then((r) => r.body as Delivery[]);
    await expect.poll(async () => (await log())[0]?.status, { timeout: 20_000 }).toBe('delivered');
    const [entry] = await log();
    expect(entry).toMatchObject({ kind: 'lesson_cancelled', attempts: 3, lastStatus: 200 });
    expect(flaky.got).toHaveLength(3);
    // Each attempt is the same body, signed again; the waits follow the schedule.
    expect(new Set(flaky.got.map((g) => g.body)).size).toBe(1);
    expect(flaky.got[1]!.at - flaky.got[0]!.at).toBeGreaterThanOrEqual(250);
    expect(flaky.got[2]!.at - flaky.got[1]!.at).toBeGreaterThanOrEqual(550);
    for (const g of flaky.got) {
      const headers = {
        signature: g.headers['x-tongke-signature'] as string,
        timestamp: g.headers['x-tongke-timestamp'] as string,
      };
      expect(verify(webhook.secret, headers, g.body, NOW)).toBe(true);
    }
  });

  it('refuses a webhook that is not http(s), naming the field', async () => {
    const res = await coordinator.post(`/communities/${ruian.id}/webhooks`, {
      url: 'file:///etc/passwd',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: 'scheme_not_allowed',
      details: [{ field: 'body/url', code: 'scheme_not_allowed' }],
    });
  });
});
