// 评课 on the 巡课 screen in Chromium: the inspector watching a live lesson opens the panel,
// scores it on the community's rubric, sends it; the review is kept with the lesson and
// the report counts it. A score above the maximum is refused with the reason shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRubric } from '../../shared/evaluation';
import { launchChromium, type Browser } from '../helpers/chromium';
import { expectClickable, keepScreenshots } from '../helpers/screen';
import { MIN, occurrence } from '../unit/lessons/support/occurrences';
import {
  PASSWORD,
  startLessonServer,
  type LessonServer,
} from '../integration/lessons/support/lessonServer';

const o = occurrence();

describe('评课 while watching', () => {
  let s: LessonServer;
  let browser: Browser;

  beforeAll(async () => {
    s = await startLessonServer();
    await s.clock.advanceTo(Date.parse(o.start) + MIN); // live
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('scores the lesson from the 巡课 screen and the review is kept and counted', async () => {
    const page = await browser.newPage(`${s.url}/observe/`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.fill('input[name=login]', 'observer');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form.login button[type=submit]');
    await page.click(`li[data-occurrence="${o.occurrenceId}"] button`);

    const toggle = page.locator('#review-panel button.toggle');
    await toggle.waitFor({ timeout: 20_000 });
    await expectClickable(toggle, '评课 button');
    await toggle.click();
    const form = page.locator('#review-panel form.review');
    await form.locator('input[name=design]').waitFor();
    expect(await form.locator('.criterion').count()).toBe(defaultRubric.criteria.length);

    // Too high first: the server says why, nothing is kept.
    for (const c of defaultRubric.criteria) await form.locator(`input[name=${c.id}]`).fill('5');
    await form.locator('input[name=design]').evaluate((el) => el.removeAttribute('max'));
    await form.locator('input[name=design]').fill('7');
    await form.locator('button[type=submit]').click();
    await expect
      .poll(() => page.locator('#review-panel .status').textContent(), { timeout: 10_000 })
      .toContain('最高 5 分');
    expect(await s.tongke.store.evaluation.reviewsOf(o.occurrenceId)).toEqual([]);

    await form.locator('input[name=design]').fill('4');
    await form.locator('textarea[name=comment]').fill('高楼教室互动积极，声音略小');
    const submit = form.locator('button[type=submit]');
    await expectClickable(submit, '提交评课');
    await submit.click();
    await expect
      .poll(() => page.locator('#review-panel .status').textContent(), { timeout: 10_000 })
      .toContain('已提交');
    await keepScreenshots(page, 'observe-review');

    const kept = await s.tongke.store.evaluation.reviewsOf(o.occurrenceId);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({
      reviewerName: '教研员',
      comment: '高楼教室互动积极，声音略小',
    });
    expect(kept[0]!.scores.map((x) => x.score)).toEqual([4, 5, 5, 5]);
    const report = await (
      await s.api('/api/evaluation/communities/ruian-p-18?from=2025-09-01&to=2025-09-01', {
        token: s.tokens.observer,
      })
    ).json();
    expect(report.totals.reviews).toMatchObject({ count: 1, avgScorePct: 95 });
  });
});
