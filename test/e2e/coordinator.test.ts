// The coordinator screen in a real Chromium against a real server: create a lesson on the
// grid that double-books a member classroom, and see the conflict marked on it.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from '../helpers/chromium';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { newSeries, propose } from '../../server/timetable/negotiation';
import { ruian, seedWorld, tokenFor } from '../integration/timetable/support/world';
import { spec } from '../unit/timetable/support/world';

// Screenshots of the screen as a coordinator sees it, kept for a person to look at.
const artifacts = join(import.meta.dirname, '../../test-results/e2e');

async function shoot(page: Page, name: string) {
  for (const [width, height] of [
    [1920, 1080],
    [1366, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${artifacts}/${name}-${width}x${height}.png` });
  }
}

describe('coordinator screen', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
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

  it('refuses to publish while a member school has not answered, naming it; 代为同意 is recorded', async () => {
    // 音乐, Thursday 第3节, proposed to 高楼, which has not answered.
    const draft = newSeries(
      'music',
      ruian.id,
      spec({
        subject: '音乐',
        teacherId: 'teacher-li',
        coreClassroomId: 'room-core-302',
        memberClassroomIds: ['room-gaolou-2'],
        weekday: 4,
        period: 3,
      }),
      0,
    );
    const proposed = propose(draft, ['sch-gaolou'], 0);
    if (!proposed.ok) throw new Error(proposed.code);
    await server.tongke.store.timetable.apply({ put: { series: [proposed.record] } });

    const token = tokenFor(server, { role: 'coordinator', communityIds: [ruian.id] });
    const page = await browser.newPage(
      `${server.url}/coordinator/?token=${encodeURIComponent(token)}&date=2026-09-08`,
    );
    const lesson = page.locator(
      'section.grid[data-school-id="sch-core"] td[data-weekday="4"][data-period="3"] .lesson',
    );
    await lesson.click({ timeout: 15_000 });
    const panel = page.locator('aside.panel');
    expect(await panel.locator('p.awaiting').textContent()).toContain(
      '待回复：瑞安市高楼镇中心小学',
    );

    await panel.locator('button:has-text("发布")').click();
    const status = panel.locator('p.status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^发布失败：/);
    const refusal = (await status.textContent())!;
    expect(refusal).toContain('成员校尚未答复：瑞安市高楼镇中心小学');
    expect(refusal).not.toContain('sch-gaolou');
    expect((await server.tongke.store.timetable.get('series', 'music'))?.status).toBe('proposed');
    await shoot(page, 'coordinator-publish-refused');

    // 全部发布 publishes nothing and says why, by lesson and school.
    await page.click('button:has-text("全部发布")');
    const notice = page.locator('#notice');
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain('1 门未发布');
    expect(await notice.textContent()).toContain(
      '音乐（周四第3节）：成员校尚未答复：瑞安市高楼镇中心小学',
    );

    // 代为同意 asks how the school agreed, and keeps it under the coordinator's name.
    await lesson.click();
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('代 瑞安市高楼镇中心小学 同意');
      void dialog.accept('电话确认');
    });
    await panel.locator('tr[data-school-id="sch-gaolou"] button:has-text("代为同意")').click();
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain('代为同意：完成');
    await lesson.click();
    const row = panel.locator('tr[data-school-id="sch-gaolou"]');
    expect(await row.textContent()).toMatch(/代为同意电话确认测试/);
    expect(await panel.locator('p.awaiting').count()).toBe(0);
    await panel.locator('button:has-text("发布")').click();
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain('发布：完成');

    const stored = (await server.tongke.store.timetable.get('series', 'music'))!;
    expect(stored.status).toBe('published');
    expect(stored.log?.find((e) => e.kind === 'accepted')).toMatchObject({
      schoolId: 'sch-gaolou',
      comment: '电话确认',
      by: { sub: 'coordinator-1', name: '测试' },
      onBehalf: true,
    });
    await lesson.click();
    await panel.locator('details.log summary').click();
    expect(await panel.locator('details.log').textContent()).toContain(
      '测试 代 瑞安市高楼镇中心小学 同意：电话确认',
    );
    await shoot(page, 'coordinator-negotiated');
  });

  it('signs in from the one-time link npm start prints, and drops its code from the address bar', async () => {
    const principal = {
      sub: 'demo-coordinator',
      role: 'coordinator' as const,
      name: '演示协调员',
      communityIds: [ruian.id],
    };
    const now = server.tongke.now();
    const code = await server.tongke.lessons.signInCodes.mint(principal, 60_000, now + 3_600_000);
    const link = `${server.url}/coordinator/?date=2026-09-08#code=${code}`;
    const page = await browser.newPage(link);
    const core = page.locator('section.grid[data-school-id="sch-core"]');
    await core.waitFor({ timeout: 15_000 });
    expect(page.url()).toBe(`${server.url}/coordinator/?date=2026-09-08`);
    // Opened again (history, a copied link): spent; the screen asks for a login instead.
    const again = await browser.newPage(link);
    await again.locator('input[name=password]').waitFor({ timeout: 15_000 });
    expect(await again.locator('section.grid').count()).toBe(0);
  });
});
