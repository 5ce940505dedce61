// A coordinator disables a teacher while her lesson screen is open: the screen signs her
// out by itself, says why in Chinese first, and offers the login form again; her old token
// opens nothing any more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from '../helpers/chromium';
import { expectClickable, keepScreenshots } from '../helpers/screen';
import { MIN, occurrence } from '../unit/lessons/support/occurrences';
import {
  PASSWORD,
  startLessonServer,
  type LessonServer,
} from '../integration/lessons/support/lessonServer';

const o = occurrence();

describe('a disabled teacher’s open screen', () => {
  let s: LessonServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    s = await startLessonServer();
    await s.clock.advanceTo(Date.parse(o.start) - 4 * MIN); // the room is open
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('is signed out when a coordinator disables her account', async () => {
    page = await browser.newPage(`${s.url}/teacher/`);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.fill('input[name=login]', 'wang');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form.login button[type=submit]');
    const row = page.locator(`li[data-occurrence="${o.occurrenceId}"]`);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('open');
    await row.locator('button').click();
    // Her one start button (4 minutes before the bell it starts the lesson early).
    await page.locator('button:has-text("开始上课")').click({ timeout: 15_000 });
    await expect
      .poll(
        () =>
          page.evaluate(
            () => (window as unknown as { __tongke?: { state: string } }).__tongke?.state,
          ),
        { timeout: 30_000 },
      )
      .toBe('joined');

    const me = (await (await s.api('/api/auth/me', { token: s.tokens.wang })).json()) as {
      sub: string;
    };
    const disabled = await s.api(`/api/auth/users/${encodeURIComponent(me.sub)}/disable`, {
      method: 'POST',
      token: s.tokens.coordinator,
    });
    expect(disabled.status).toBe(200);

    const notice = page.locator('section.signed-out');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain('您已退出登录');
    await expectClickable(notice.locator('button'), 'sign in again');
    await keepScreenshots(page, 'teacher-signed-out');
    // The token is gone from the browser, and the server refuses it anyway.
    expect(await page.evaluate(() => sessionStorage.getItem('tongke.token'))).toBeNull();
    expect((await s.api('/api/auth/me', { token: s.tokens.wang })).status).toBe(401);
    await notice.locator('button').click();
    await page.waitForSelector('form.login input[name=login]');
    await expectClickable(page.locator('form.login button[type=submit]'), 'the login form');
  });
});
