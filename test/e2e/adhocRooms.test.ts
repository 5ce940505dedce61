// 试课房间 on the teacher's screen, in Chromium as she sees it: she signs in, creates a
// trial room (capacity, hours), sees it listed with its code, expiry and capacity, a
// classroom joins with the code on a production-mode server (ADHOC_ROOMS=granted), and she
// deletes it: its code opens nothing any more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AdhocGrant } from '../../shared/security';
import { launchChromium, type Browser } from '../helpers/chromium';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import { expectClickable, keepScreenshots } from '../helpers/screen';
import {
  PASSWORD,
  startLessonServer,
  type LessonServer,
} from '../integration/lessons/support/lessonServer';

describe('the teacher screen’s 试课房间 panel', () => {
  let s: LessonServer;
  let browser: Browser;
  let page: Page;
  const peers: LivePeer[] = [];

  const grants = async () => {
    const res = await s.api('/api/adhoc-rooms?communityId=ruian-p-18', { token: s.tokens.wang });
    return (await res.json()) as AdhocGrant[];
  };

  beforeAll(async () => {
    s = await startLessonServer({ adhocRooms: 'granted' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await browser?.close();
    await s?.close();
  });

  it('creates a room she sees listed, that a classroom enters with its code', async () => {
    page = await browser.newPage(`${s.url}/teacher/`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.fill('input[name=login]', 'wang');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form.login button[type=submit]');
    const panel = page.locator('section.adhoc-rooms');
    await panel.waitFor({ timeout: 15_000 });
    await expect.poll(() => panel.locator('li.muted').count()).toBe(1); // none yet
    expect(await panel.locator('h2').textContent()).toContain('试课房间');

    await page.fill('section.adhoc-rooms input[name=capacity]', '5');
    await page.fill('section.adhoc-rooms input[name=hours]', '2');
    const create = panel.locator('button[type=submit]');
    await expectClickable(create, 'create button');
    const before = s.tongke.now();
    await create.click();

    const row = panel.locator('li[data-room]');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    const [grant] = await grants();
    expect(grant).toMatchObject({ capacity: 5, createdBy: expect.stringMatching(/^u-/) });
    expect(grant!.expiresAt - before).toBeGreaterThanOrEqual(2 * 3_600_000 - 5_000);
    expect(grant!.expiresAt - before).toBeLessThanOrEqual(2 * 3_600_000 + 5_000);
    expect(await row.getAttribute('data-room')).toBe(grant!.roomId);
    expect(await row.locator('.code').textContent()).toBe(grant!.code);
    expect(await row.locator('.capacity').textContent()).toContain('5 人');
    expect(await row.locator('.expiry').textContent()).toMatch(/至 \d\d\/\d\d \d\d:\d\d/);
    const classroomLink = await row.locator('a.classroom-link').getAttribute('href');
    expect(classroomLink).toBe(`${s.url}/classroom/?room=${grant!.roomId}&code=${grant!.code}`);

    // What she sees: the panel on screen, her row and its delete button not covered.
    const box = await panel.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.y + box!.height).toBeGreaterThan(0);
    await expectClickable(row.locator('button.end'), 'delete button');
    await expectClickable(row.locator('a.classroom-link'), 'classroom link');
    await keepScreenshots(page, 'teacher-adhoc-rooms');

    const classroom = await livePeer(s.url, {
      roomId: grant!.roomId,
      roomCode: grant!.code,
      displayName: '潘山分校 三(1)班',
    });
    peers.push(classroom);
    expect(classroom.client.state).toBe('joined');
  });

  it('deletes it: gone from her list, its code opens nothing', async () => {
    const [grant] = await grants();
    const row = page.locator('section.adhoc-rooms li[data-room]');
    await row.locator('button.end').click();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    expect(await grants()).toEqual([]);
    await expect(
      livePeer(s.url, { roomId: grant!.roomId, roomCode: grant!.code, displayName: 'x' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
