// The set-up screen's account form in Chromium: a coordinator makes a member school's 教务
// (学校教务, with its school); the one-time password shown signs in as a school office of
// that school.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from '../helpers/chromium';
import { expectClickable, keepScreenshots } from '../helpers/screen';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { ruian, seedWorld } from '../integration/timetable/support/world';
import { member } from '../unit/timetable/support/world';
import type { TokenReply } from '../../shared/auth';

const PASSWORD = 'jiaowu-密码-2026';

describe('a school office account made on the set-up screen', () => {
  let server: TestServer;
  let browser: Browser;

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
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates it with its school, and its password signs in for that school', async () => {
    const page = await browser.newPage(`${server.url}/setup/?community=${ruian.id}#accounts`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.fill('input[name=login]', 'jiaowu');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form.login button[type=submit]');
    const form = page.locator('form[data-form=new-account]');
    await form.waitFor({ timeout: 30_000 });
    expect(await form.locator('select[name=schoolId]').isVisible()).toBe(false);
    await form.locator('input[name=login]').fill('gaolou-jiaowu');
    await form.locator('input[name=name]').fill('高楼教务');
    await form.locator('select[name=role]').selectOption('school_office');
    await form.locator('select[name=schoolId]').selectOption(member.id);
    const submit = form.locator('button[type=submit]');
    await expectClickable(submit, 'create account');
    await submit.click();
    const issued = page.locator('p.issued[data-issued=gaolou-jiaowu]');
    await issued.waitFor({ timeout: 30_000 });
    const password = /一次性密码：(\S+) —/.exec((await issued.textContent()) ?? '')?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{10}$/);
    const row = page.locator('tr[data-id=gaolou-jiaowu]');
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('学校教务');
    expect(await row.textContent()).toContain(member.name);
    await keepScreenshots(page, 'setup-school-office-created');

    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'gaolou-jiaowu', password }),
    });
    expect(res.status).toBe(200);
    const session = (await res.json()) as TokenReply;
    expect(session.principal).toMatchObject({
      role: 'school_office',
      schoolId: member.id,
      communityIds: [ruian.id],
    });
  });
});
