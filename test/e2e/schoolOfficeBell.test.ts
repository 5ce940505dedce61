// A member school's 教务 in Chromium: her account made as a coordinator makes it (set-up
// route, one-time password), she signs in, opens the coordinator screen, shortens her own
// school's Friday (saved) and tries the same on the core school's: refused in Chinese, and
// nothing of the core school's schedule changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from '../helpers/chromium';
import { expectClickable, keepScreenshots } from '../helpers/screen';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { client, ruian, seedWorld, tokenFor } from '../integration/timetable/support/world';
import { core, member } from '../unit/timetable/support/world';
import type { AccountIssued } from '../../shared/setup';
import type { TokenReply } from '../../shared/auth';

describe('a school office at the bell editor', () => {
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

  it("saves her own school's Friday and is refused the core school's", async () => {
    const coordinator = client(
      server,
      tokenFor(server, { role: 'coordinator', communityIds: [ruian.id] }),
    );
    const made = await coordinator.post(`/setup/communities/${ruian.id}/accounts`, {
      login: 'gaolou-jiaowu',
      name: '高楼教务',
      role: 'school_office',
      schoolId: member.id,
      delivery: 'password',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        login: 'gaolou-jiaowu',
        password: (made.body as AccountIssued).password,
      }),
    });
    const session = (await res.json()) as TokenReply;
    expect(session.principal.schoolId).toBe(member.id);

    const page = await browser.newPage(
      `${server.url}/coordinator/?token=${encodeURIComponent(session.token)}&date=2026-09-08`,
    );
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('button:has-text("作息与校历")').click();

    /** Friday on its own, its last period taken out, then saved. */
    const shortenFriday = async (schoolName: string) => {
      const editor = page.locator('.term-editor', { hasText: schoolName }).locator('form.bell');
      await editor.waitFor({ timeout: 30_000 });
      await editor.locator('[data-day="5"]').click();
      await editor.locator('input[name=ownDay]').check();
      const rows = editor.locator('tbody tr');
      const before = await rows.count();
      await rows
        .nth(before - 1)
        .locator('button.remove')
        .click();
      expect(await rows.count()).toBe(before - 1);
      const save = editor.locator('button[type=submit]');
      await expectClickable(save, `save ${schoolName}`);
      await save.click();
      return editor;
    };

    await shortenFriday(member.name);
    await expect
      .poll(
        async () => (await server.tongke.store.timetable.get('school', member.id))?.bellSchedule,
        { timeout: 30_000 },
      )
      .toEqual({
        periods: member.bellSchedule.periods,
        byWeekday: [{ weekday: 5, periods: member.bellSchedule.periods.slice(0, -1) }],
      });
    await page.getByText(`${member.name} 作息时间已保存`).first().waitFor({ timeout: 30_000 });
    await keepScreenshots(page, 'school-office-own-bell-saved');

    const coreEditor = await shortenFriday(core.name);
    const refusal = coreEditor.locator('p.status');
    await expect
      .poll(() => refusal.textContent(), { timeout: 30_000 })
      .toContain('学校教务只能修改本校的作息、教室和教师');
    await refusal.scrollIntoViewIfNeeded();
    expect(await refusal.isVisible()).toBe(true);
    await keepScreenshots(page, 'school-office-core-bell-refused');
    expect((await server.tongke.store.timetable.get('school', core.id))?.bellSchedule).toEqual(
      core.bellSchedule,
    );
  });
});
