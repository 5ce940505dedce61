// The coordinator screen in a real Chromium against a real server: create a lesson on the
// grid that double-books a member classroom, and see the conflict marked on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from '../helpers/chromium';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { newSeries } from '../../server/timetable/negotiation';
import { ruian, seedWorld, tokenFor } from '../integration/timetable/support/world';
import { spec } from '../unit/timetable/support/world';

describe('coordinator screen', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTongke();
    await seedWorld(server);
    // 数学, Tuesday 第2节, 三(1)班 → 高楼 三年级教室
    await server.tongke.store.timetable.apply({
      put: { series: [newSeries('math', ruian.id, spec(), 0)] },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a lesson from an empty cell and marks its conflict where it is', async () => {
    const token = tokenFor(server, { role: 'coordinator', communityIds: [ruian.id] });
    const page = await browser.newPage(
      `${server.url}/coordinator/?token=${encodeURIComponent(token)}&date=2026-09-08`,
    );
    const core = page.locator('section.grid[data-school-id="sch-core"]');
    const tuesday2 = core.locator('td[data-weekday="2"][data-period="2"]');
    await expect.poll(() => tuesday2.locator('.lesson').count(), { timeout: 15_000 }).toBe(1);
    expect(await tuesday2.locator('.lesson.conflict').count()).toBe(0);

    await core.locator('td[data-weekday="3"][data-period="2"]').click();
    const form = page.locator('form.lesson-form');
    await form.locator('input[name=subject]').fill('语文');
    await form.locator('select[name=teacherId]').selectOption('teacher-li');
    await form.locator('select[name=coreClassroomId]').selectOption('room-core-302');
    await form.locator('input[name=member][value="room-gaolou-1"]').check();
    // its 辅导教师: only the member school's own teachers are offered
    const helper = form.locator('select[name="helper:room-gaolou-1"]');
    expect(await helper.locator('option').allTextContents()).toEqual(['辅导教师 未指定', '赵老师']);
    await helper.selectOption('teacher-zhao');
    await form.locator('select[name=weekday]').selectOption('2');
    // checked live, before saving
    await expect
      .poll(() => form.locator('.conflicts li.hard').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await form.locator('.conflicts li.hard').first().textContent()).toContain('三年级教室');
    await form.locator('button[type=submit]').click();

    await expect
      .poll(() => tuesday2.locator('.lesson.conflict').count(), { timeout: 10_000 })
      .toBe(2);
    const marked = tuesday2.locator('.lesson.conflict', { hasText: '语文' });
    expect(await marked.locator('.marker').textContent()).toContain('冲突');
    expect(await marked.getAttribute('title')).toContain('三年级教室');
    // the member school sees both lessons in its own second period
    const member = page.locator(
      'section.grid[data-school-id="sch-gaolou"] td[data-weekday="2"][data-period="2"]',
    );
    expect(await member.locator('.lesson').count()).toBe(2);
    expect(await page.locator('#summary').textContent()).toMatch(/[1-9]\d* 个冲突/);
    const stored = await server.tongke.store.timetable.byRef('series', `community:${ruian.id}`);
    expect(stored.map((s) => s.spec.subject).sort()).toEqual(['数学', '语文']);
    expect(stored.find((s) => s.spec.subject === '语文')!.spec.memberTeachers).toEqual([
      { classroomId: 'room-gaolou-1', teacherId: 'teacher-zhao' },
    ]);
  });

  it('creates an enrolment code that a classroom PC trades for its credential', async () => {
    const token = tokenFor(server, { role: 'coordinator', communityIds: [ruian.id] });
    const page = await browser.newPage(
      `${server.url}/coordinator/?token=${encodeURIComponent(token)}`,
    );
    await page.click('button:has-text("教室设备")');
    const panel = page.locator('section.devices');
    await panel.locator('select[name=classroom]').selectOption('room-gaolou-1');
    await panel.locator('button:has-text("生成注册码")').click();
    const code = (await panel.locator('.enrolment .code').textContent({ timeout: 15_000 }))!;

    const pc = await browser.newPage(`${server.url}/classroom/`);
    await pc.fill('input[name=code]', code);
    await pc.click('form[data-form=enrol] button[type=submit]');
    // Enrolled: the PC now follows its timetable and names its classroom.
    await expect
      .poll(() => pc.textContent('.waiting'), { timeout: 15_000 })
      .toContain('三年级教室');
    const saved = await pc.evaluate(() =>
      JSON.parse(localStorage.getItem('tongke.classroom') ?? '{}'),
    );
    expect(saved).toMatchObject({ mode: 'device', classroomId: 'room-gaolou-1' });
    // A code works once.
    const again = await fetch(`${server.url}/api/devices/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(again.status).toBe(401);

    // The PC is lost: the coordinator revokes it, and it is back at the enrolment form.
    await page.click('button:has-text("教室设备")');
    const row = page.locator('.device-list li', { hasText: '三年级教室' });
    page.once('dialog', (dialog) => void dialog.accept());
    await row.locator('button:has-text("撤销")').click();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('已撤销');
    await pc.reload();
    await pc.waitForSelector('form[data-form=enrol] input[name=code]', { timeout: 15_000 });
    expect(await pc.evaluate(() => localStorage.getItem('tongke.classroom'))).toBeNull();
  });
});
