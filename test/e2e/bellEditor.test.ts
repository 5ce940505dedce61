// The bell editor in Chromium: a school's Friday afternoon is made short and Tuesday gets an
// extra period, day by day, on top of the ordinary day; the saved schedule is what the
// coordinator made, and the lesson form offers Tuesday's extra period on Tuesday only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from '../helpers/chromium';
import { expectClickable, keepScreenshots } from '../helpers/screen';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { ruian, seedWorld, tokenFor } from '../integration/timetable/support/world';
import { core } from '../unit/timetable/support/world';

describe('the bell editor, day by day', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTongke();
    await seedWorld(server);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shortens Friday, adds a Tuesday period and keeps the ordinary day', async () => {
    const token = tokenFor(server, { role: 'coordinator', communityIds: [ruian.id] });
    const page = await browser.newPage(
      `${server.url}/coordinator/?token=${encodeURIComponent(token)}&date=2026-09-08`,
    );
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('button:has-text("作息与校历")').click();
    const editor = page.locator('.term-editor', { hasText: core.name }).locator('form.bell');
    await editor.waitFor({ timeout: 30_000 });
    const rows = editor.locator('tbody tr');
    expect(await rows.count()).toBe(7);

    // Friday: its own periods, the last two taken out.
    await editor.locator('[data-day="5"]').click();
    expect(await editor.locator('input[name=start]').first().isDisabled()).toBe(true);
    await editor.locator('input[name=ownDay]').check();
    await rows.nth(6).locator('button.remove').click();
    await rows.nth(5).locator('button.remove').click();
    expect(await rows.count()).toBe(5);

    // Tuesday: one period more after the last.
    await editor.locator('[data-day="2"]').click();
    await editor.locator('input[name=ownDay]').check();
    const add = editor.locator('button[name=addPeriod]');
    await expectClickable(add, 'add a period');
    await add.click();
    expect(await rows.count()).toBe(8);
    await rows.nth(7).locator('input[name=start]').fill('16:40');
    await rows.nth(7).locator('input[name=end]').fill('17:20');
    await keepScreenshots(page, 'bell-editor-tuesday');
    await editor.locator('button[type=submit]').click();
    await expect
      .poll(
        async () => (await server.tongke.store.timetable.get('school', core.id))?.bellSchedule,
        {
          timeout: 30_000,
        },
      )
      .toEqual({
        periods: core.bellSchedule.periods,
        byWeekday: [
          {
            weekday: 2,
            periods: [...core.bellSchedule.periods, { n: 8, start: '16:40', end: '17:20' }],
          },
          { weekday: 5, periods: core.bellSchedule.periods.slice(0, 5) },
        ],
      });

    // The lesson form lists Tuesday's extra period on Tuesday, not on Wednesday.
    await page
      .locator('section.grid[data-school-id="sch-core"] td[data-weekday="3"][data-period="2"]')
      .click();
    const form = page.locator('form.lesson-form');
    const weekday = form.locator('select[name=weekday]');
    const options = () => form.locator('select[name=period] option').allTextContents();
    await weekday.selectOption('2');
    expect(await options()).toContain('第8节 16:40–17:20');
    await weekday.selectOption('5');
    expect((await options()).length).toBe(5);
    await weekday.selectOption('3');
    expect(await options()).not.toContain('第8节 16:40–17:20');
  });
});
