// 巡课 in Chromium: a district observer signs in, finds the running lesson, and watches the
// teacher and every member classroom with its connection quality, unseen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from '../helpers/chromium';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import { keepScreenshots, waitShown } from '../helpers/screen';
import { MIN, occurrence } from '../unit/lessons/support/occurrences';
import {
  PASSWORD,
  startLessonServer,
  type LessonServer,
} from '../integration/lessons/support/lessonServer';

const o = occurrence();

describe('巡课’s list of lessons', () => {
  let s: LessonServer;
  let browser: Browser;

  beforeAll(async () => {
    s = await startLessonServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('shows a lesson that opens after the page loaded, without a reload (issue 10, defect 9)', async () => {
    const page = await browser.newPage(`${s.url}/observe/`);
    await page.fill('input[name=login]', 'observer');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form.login button[type=submit]');
    await page.getByText('现在没有同步课堂').waitFor({ timeout: 15_000 });

    await s.clock.advanceTo(Date.parse(o.start) + MIN); // live
    const row = page.locator(`li[data-occurrence="${o.occurrenceId}"]`);
    await row.waitFor({ timeout: 30_000 });
    // Named as people read it: the community's and the teacher's names, not their ids.
    expect(await row.textContent()).toContain('瑞安市实验小学教共体');
    expect(await row.textContent()).not.toContain('ruian-p-18');
  });
});

describe('an observer watches a live lesson', () => {
  let s: LessonServer;
  let browser: Browser;
  const peers: LivePeer[] = [];

  beforeAll(async () => {
    s = await startLessonServer();
    await s.clock.advanceTo(Date.parse(o.start) + MIN); // live
    peers.push(
      await livePeer(
        s.url,
        { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
        { camera: { width: 640, height: 360 }, mic: true },
      ),
      await livePeer(
        s.url,
        {
          roomId: o.occurrenceId,
          token: await s.deviceToken('room-gaolou-1'),
          displayName: '高楼镇中心小学 三(1)班',
        },
        { camera: { width: 640, height: 360 }, mic: true },
      ),
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await browser?.close();
    await s?.close();
  });

  it('sees the teacher and the classroom wall, and is not seen', async () => {
    const page = await browser.newPage(`${s.url}/observe/`);
    await page.fill('input[name=login]', 'observer');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form.login button[type=submit]');
    await page.click(`li[data-occurrence="${o.occurrenceId}"] button`);

    const playing = (selector: string) =>
      page.evaluate(
        (sel) =>
          [...document.querySelectorAll<HTMLVideoElement>(sel)].filter((v) => v.videoWidth > 0)
            .length,
        selector,
      );
    await expect.poll(() => playing('.teacher video'), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => playing('.wall .tile.classroom video'), { timeout: 20_000 }).toBe(1);
    await expect
      .poll(() => page.locator('.wall .tile.classroom .quality').textContent(), { timeout: 15_000 })
      .toContain('kbps');
    // Watching only: no stage control, and nobody receives anything from the observer.
    expect(await page.locator('.wall button:visible').count()).toBe(0);
    // As the inspector sees it: the teacher and the classroom in sight, moving.
    await waitShown(page.locator('.teacher video').first(), '巡课: the teacher');
    await waitShown(page.locator('.wall .tile.classroom video').first(), '巡课: the classroom');
    await keepScreenshots(page, 'observe');
    // The server keeps the observer out of everyone's peer list (issue #12).
    expect(peers[0]!.client.peers.find((p) => p.role === 'observer')).toBeUndefined();
  });
});
