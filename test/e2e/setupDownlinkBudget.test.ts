// 下行带宽上限 on the set-up screen, in Chromium, as a coordinator sets it: a member school on
// a metered line is given 2000 kbit/s and one of its classrooms 400, each shown in its
// table where she sees it; a value under 200 is refused by the form and nothing written;
// 不限 lifts one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchChromium, type Browser } from '../helpers/chromium';
import { expectClickable, keepScreenshots } from '../helpers/screen';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { ruian, seedWorld } from '../integration/timetable/support/world';

const PASSWORD = 'jiaowu-密码-2026';

/** Seen: in the viewport, its centre not covered by anything else. */
async function expectSeen(el: Locator, what: string) {
  await expectClickable(el, what);
  const box = (await el.boundingBox())!;
  const viewport = el.page().viewportSize()!;
  expect(box.y + Math.min(box.height, 20), `${what}: in the viewport`).toBeLessThanOrEqual(
    viewport.height,
  );
}

describe('downlink budgets on the set-up screen', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const budgets = async () =>
    server.tongke.store.downlinkBudgets.budgetsOf([
      { target: 'school', id: 'sch-gaolou' },
      { target: 'classroom', id: 'room-gaolou-1' },
    ]);

  beforeAll(async () => {
    server = await startTongke();
    await seedWorld(server);
    await server.tongke.lessons.accounts.createUser({
      login: 'jiaowu',
      name: '实验小学教务处',
      role: 'coordinator',
      communityIds: [ruian.id],
      password: PASSWORD,
    });
    browser = await launchChromium();
    page = await browser.newPage(`${server.url}/setup/?community=${ruian.id}#schools`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.fill('input[name=login]', 'jiaowu');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form.login button[type=submit]');
    await page.locator('[data-tab=schools]').waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sets a school’s budget, and refuses one under 200 kbit/s in the form', async () => {
    const row = page.locator('[data-tab=schools] tbody tr', { hasText: '瑞安市高楼镇中心小学' });
    const shown = row.locator('[data-col=downlink]');
    await expectSeen(shown, 'the school’s budget');
    expect(await shown.textContent()).toBe('不限');
    expect(await page.locator('[data-tab=schools] thead th').allTextContents()).toContain(
      '下行带宽上限',
    );

    await row.locator('button:has-text("带宽上限")').click();
    const form = page.locator('[data-form=budget-school-sch-gaolou]');
    await expectSeen(form.locator('input[name=downlinkKbps]'), 'the budget field');
    expect(await form.textContent()).toContain('同时上课的本校教室平分此上限');

    await form.locator('input[name=downlinkKbps]').fill('150');
    await form.locator('button[type=submit]').click();
    // The browser holds the form back (min 200): nothing is sent, nothing written.
    expect(
      await form
        .locator('input[name=downlinkKbps]')
        .evaluate((el) => (el as HTMLInputElement).validity.rangeUnderflow),
    ).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(await budgets()).toEqual([]);

    await form.locator('input[name=downlinkKbps]').fill('2000');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toBe('2000 kbit/s');
    await expectSeen(shown, 'the school’s budget, set');
    expect(await page.locator('#notice').textContent()).toContain(
      '瑞安市高楼镇中心小学 的下行带宽上限：2000 kbit/s',
    );
    expect((await budgets()).map((b) => [b.id, b.downlinkKbps])).toEqual([['sch-gaolou', 2000]]);
    await keepScreenshots(page, 'setup-downlink-school');
  });

  it('sets a classroom’s own budget, and 不限 lifts it', async () => {
    await page.click('a[data-tab-link=classrooms]');
    const row = page.locator('[data-tab=classrooms] tbody tr[data-id=room-gaolou-1]');
    const shown = row.locator('[data-col=downlink]');
    await shown.waitFor({ timeout: 10_000 });
    await expectSeen(shown, 'the classroom’s budget');
    expect(await shown.textContent()).toBe('不限');
    await row.locator('button:has-text("带宽上限")').click();
    const form = page.locator('[data-form=budget-classroom-room-gaolou-1]');
    await form.locator('input[name=downlinkKbps]').fill('400');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toBe('400 kbit/s');
    await expectSeen(shown, 'the classroom’s budget, set');
    expect((await budgets()).map((b) => [b.id, b.downlinkKbps])).toEqual([
      ['sch-gaolou', 2000],
      ['room-gaolou-1', 400],
    ]);
    await keepScreenshots(page, 'setup-downlink-classroom');

    await row.locator('button:has-text("带宽上限")').click();
    await page
      .locator('[data-form=budget-classroom-room-gaolou-1] button:has-text("不限")')
      .click();
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toBe('不限');
    expect((await budgets()).map((b) => b.id)).toEqual(['sch-gaolou']);
  });
});
