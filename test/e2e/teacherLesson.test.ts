// The core teacher in Chromium: signs in, finds her lesson, starts it early with its one
// start button, is seen by a member classroom's PC, ends it, and is offered the research room.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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
const start = Date.parse(o.start);

describe('a signed-in teacher teaches her scheduled lesson', () => {
  let s: LessonServer;
  let browser: Browser;
  let page: Page;
  let classroom: LivePeer | undefined;

  const state = async () => {
    const res = await s.api(`/api/lessons/${encodeURIComponent(o.occurrenceId)}`, {
      token: s.tokens.wang,
    });
    return ((await res.json()) as { lesson: { state: string } }).lesson.state;
  };

  beforeAll(async () => {
    s = await startLessonServer();
    await s.clock.advanceTo(start - 4 * MIN); // the room is open
    browser = await launchChromium();
  });

  afterAll(async () => {
    await classroom?.stop();
    await browser?.close();
    await s?.close();
  });

  it('signs in and enters her lesson from the list', async () => {
    page = await browser.newPage(`${s.url}/teacher/`);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.fill('input[name=login]', 'wang');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form.login button[type=submit]');
    const row = page.locator(`li[data-occurrence="${o.occurrenceId}"]`);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('open');
    // The first password came from the coordinator: she sets her own.
    await page.click('details.change-password summary');
    await page.fill('input[name=currentPassword]', PASSWORD);
    await page.fill('input[name=newPassword]', 'wang-own-secret');
    await page.click('form.password button[type=submit]');
    await expect
      .poll(() => page.textContent('form.password .status'), { timeout: 10_000 })
      .toContain('密码已修改');
    const relogin = await s.api('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ login: 'wang', password: 'wang-own-secret' }),
    });
    expect(relogin.status).toBe(200);
    // The change ended every token issued before it, the test's own too.
    s.tokens.wang = ((await relogin.json()) as { token: string }).token;
    await row.locator('button').click();
    // One start button, and it says what it does: 4 minutes before the bell it starts early.
    const starts = page.locator('button:has-text("开始上课")');
    await expect
      .poll(() => starts.allTextContents(), { timeout: 10_000 })
      .toEqual(['提前开始上课（距上课还有 4 分钟） Start now, 4 min early']);
    await starts.click();
    await expect
      .poll(
        () =>
          page.evaluate(
            () => (window as unknown as { __tongke: { state: string } }).__tongke.state,
          ),
        {
          timeout: 20_000,
        },
      )
      .toBe('joined');
    // The same click started the lesson early: the member classrooms get it at once.
    await expect.poll(state, { timeout: 10_000 }).toBe('live');
    await expect.poll(() => starts.filter({ visible: true }).count(), { timeout: 10_000 }).toBe(0);
  });

  it('is seen by a member classroom’s PC', async () => {
    classroom = await livePeer(
      s.url,
      {
        roomId: o.occurrenceId,
        displayName: '高楼镇中心小学 三(1)班',
        token: await s.deviceToken('room-gaolou-1'),
      },
      { camera: { width: 320, height: 180 }, mic: true },
    );
    const teacher = classroom.client.peers.find((p) => p.role === 'teacher')!;
    const camera = await classroom.waitForTrack(teacher.peerId, 'camera', 20_000);
    await camera.video!.waitFor(5);
    // And she sees the classroom on her wall, as a person would.
    await waitShown(page.locator('.wall .tile.classroom video').first(), "the teacher's wall");
    await keepScreenshots(page, 'teacher-lesson');
  });

  it('runs over (拖堂) from her screen, up to the limit', async () => {
    const endAt = async () => {
      const res = await s.api(`/api/lessons/${encodeURIComponent(o.occurrenceId)}`, {
        token: s.tokens.wang,
      });
      return ((await res.json()) as { lesson: { endAt?: number } }).lesson.endAt;
    };
    const overrun = page.locator('button[data-action="extend"]');
    await overrun.click();
    await expect.poll(endAt, { timeout: 10_000 }).toBe(Date.parse(o.end) + 5 * MIN);
    await expect.poll(() => overrun.textContent()).toContain('拖堂至');
  });

  it('ends the lesson and is offered the research room', async () => {
    await page.click('button:has-text("下课 End lesson")');
    await expect.poll(state, { timeout: 10_000 }).toBe('research');
    const link = page.locator('a[href^="/research/"]');
    await link.waitFor({ timeout: 15_000 });
    expect(await link.getAttribute('href')).toBe(
      `/research/?occurrence=${encodeURIComponent(o.occurrenceId)}`,
    );
  });
});
