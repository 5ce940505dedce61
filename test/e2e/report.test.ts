// The district report in Chromium as an inspector reads it: the term of a seeded community
// shows the lessons and attendance the test wrote; the charts are drawn where she can see
// them; she drills into the community and one lesson; the page prints without its controls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchChromium, type Browser } from '../helpers/chromium';
import { keepScreenshots } from '../helpers/screen';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { fengze, ruian } from '../integration/timetable/support/world';
import { NOW, expected, occurrenceOn, seedTerm } from '../integration/evaluation/support/term';

const PASSWORD = 'correct horse 电池';

/** Drawn where a person sees it: a box of some size inside the viewport, nothing on top. */
async function expectDrawn(el: Locator, what: string, minHeight = 60): Promise<void> {
  await el.scrollIntoViewIfNeeded();
  const box = await el.boundingBox();
  expect(box, `${what}: rendered`).not.toBeNull();
  expect(box!.width, `${what}: width`).toBeGreaterThan(200);
  expect(box!.height, `${what}: height`).toBeGreaterThan(minHeight);
  const viewport = el.page().viewportSize()!;
  expect(box!.x + box!.width, `${what}: inside the viewport`).toBeLessThanOrEqual(
    viewport.width + 1,
  );
  const covered = await el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit && (hit === node || node.contains(hit)) ? undefined : String(hit?.tagName);
  });
  expect(covered, `${what}: covered by`).toBeUndefined();
}

/** The cell of a table row under a header, as text. */
async function cell(page: Page, table: Locator, rowKey: string, header: string): Promise<string> {
  const headers = await table.locator('thead th').allTextContents();
  const i = headers.indexOf(header);
  expect(i, header).toBeGreaterThan(0);
  return (await table.locator(`tr[data-row="${rowKey}"] > *`).nth(i).textContent()) ?? '';
}

describe('the district report screen', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTongke({}, { now: () => NOW });
    await seedTerm(server);
    await server.tongke.lessons.accounts.createUser({
      login: 'inspector',
      name: '区教育局督导',
      role: 'observer',
      communityIds: [ruian.id, fengze.id],
      password: PASSWORD,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the term of the seeded community as the test made it, with its charts, and drills down', async () => {
    const page = await browser.newPage(`${server.url}/report/`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.fill('input[name=login]', 'inspector');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form.login button[type=submit]');

    const table = page.locator('[data-page=district] table.totals');
    await table.locator(`tr[data-row="${ruian.id}"]`).waitFor({ timeout: 20_000 });
    expect(await page.locator('.range').textContent()).toContain('2026-09-01 至 2027-01-22');
    expect(await cell(page, table, ruian.id, '已开课')).toBe(String(expected.held));
    expect(await cell(page, table, ruian.id, '停课')).toBe(String(expected.cancelled));
    expect(await cell(page, table, ruian.id, '调课')).toBe(String(expected.moved));
    expect(await cell(page, table, ruian.id, '未开课')).toBe(String(expected.missed));
    expect(await cell(page, table, ruian.id, '出勤率')).toBe(`${expected.attendance.ratePct}%`);
    expect(await cell(page, table, ruian.id, '实到/应到')).toBe('2/3');
    expect(await cell(page, table, 'total', '已开课')).toBe(String(expected.held));
    expect(await cell(page, table, fengze.id, '计划')).toBe('0');

    const weeks = page.locator('figure[data-chart=weeks] svg');
    await expectDrawn(weeks, 'lessons per week');
    // The first week's held bar is drawn with a height (one lesson held of one).
    const firstHeld = page.locator('figure[data-chart=weeks] g[data-week="2026-08-31"] rect.held');
    expect((await firstHeld.boundingBox())!.height).toBeGreaterThan(20);
    await keepScreenshots(page, 'report-district');

    // A narrower range: September only, nothing upcoming.
    await page.fill('input[name=from]', '2026-09-01');
    await page.fill('input[name=to]', '2026-09-30');
    await page.click('form.range-bar button[type=submit]');
    await page.getByText('2026-09-01 至 2026-09-30').waitFor();
    expect(
      await cell(page, page.locator('[data-page=district] table.totals'), ruian.id, '计划'),
    ).toBe('5');

    await page.click(`tr[data-row="${ruian.id}"] a`);
    await page.locator('[data-page=community]').waitFor();
    const attendance = page.locator('figure[data-chart=attendance] svg');
    await expectDrawn(attendance, 'attendance per school', 30); // one member school: one bar
    const gaolouBar = page.locator(
      'figure[data-chart=attendance] g[data-school="sch-gaolou"] rect.fair',
    );
    expect((await gaolouBar.boundingBox())!.width).toBeGreaterThan(50);
    const schools = page.locator('[data-page=community] table.totals').first();
    expect(await cell(page, schools, 'sch-gaolou', '出勤率')).toBe('66.7%');
    expect(await page.locator('table.lessons tbody tr').count()).toBe(5);
    await keepScreenshots(page, 'report-community');

    await page.click(`tr[data-occurrence="${occurrenceOn('2026-09-22')}"] a`);
    await page.locator('[data-page=lesson]').waitFor();
    const rooms = page.locator('[data-page=lesson] table.totals');
    expect(await cell(page, rooms, 'room-gaolou-1', '连线分钟')).toBe('35');
    expect(await cell(page, rooms, 'room-gaolou-1', '质量')).toBe('差');
    expect(await cell(page, rooms, 'room-gaolou-1', '问题')).toContain('未收到主讲画面');
    expect(await page.locator('[data-page=lesson] .range').textContent()).toContain('调课');

    // Printed: the controls are gone, the paper is white, the tables stay.
    await page.goBack();
    await page.locator('[data-page=community]').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#bar').isVisible()).toBe(false);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(255, 255, 255)',
    );
    await expectDrawn(page.locator('figure[data-chart=weeks] svg'), 'printed chart');
    await page.emulateMedia({ media: 'screen' });
  });
});
