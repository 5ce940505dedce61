// A school office's spreadsheet imported in Chromium, as a coordinator does it: a file with
// one bad row is refused with its problem listed by row and column, where she sees it, and
// nothing is written; the corrected file is imported and its teachers are on the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Locator } from 'playwright-core';
import { launchChromium, type Browser } from '../helpers/chromium';
import { expectClickable, keepScreenshots } from '../helpers/screen';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { ruian, seedWorld } from '../integration/timetable/support/world';

const PASSWORD = 'jiaowu-密码-2026';
const header = ['学校', '班级/教室', '教师', '学科', '手机号'];

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('教师名单');
  for (const r of [header, ...rows]) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Seen: a box of some size in the viewport, its centre not covered by anything else. */
async function expectSeen(el: Locator, what: string) {
  await expectClickable(el, what);
  const box = (await el.boundingBox())!;
  const viewport = el.page().viewportSize()!;
  expect(box.width, `${what}: width`).toBeGreaterThan(300);
  expect(box.y + Math.min(box.height, 40), `${what}: in the viewport`).toBeLessThanOrEqual(
    viewport.height,
  );
}

describe('bulk import on the set-up screen', () => {
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

  it('refuses a file with one bad row, listing it by row and column, then imports the good file', async () => {
    const teachersBefore = await server.tongke.store.timetable.list('teacher');
    const roomsBefore = await server.tongke.store.timetable.list('classroom');
    const page = await browser.newPage(`${server.url}/setup/?community=${ruian.id}#import`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.fill('input[name=login]', 'jiaowu');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form.login button[type=submit]');
    await page.locator('[data-tab=import]').waitFor({ timeout: 30_000 });

    // The template downloads and has the columns a school office fills in.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.click('button:has-text("下载模板 XLSX")'),
    ]);
    const template = new ExcelJS.Workbook();
    await template.xlsx.readFile((await download.path())!);
    expect(template.worksheets[0]!.getRow(1).values).toEqual([undefined, ...header]);

    const bad = await workbook([
      ['瑞安市高楼镇中心小学', '五年级教室', '钱老师', '科学', 13800000001],
      ['瑞安市高楼镇中心小学', '六年级教室', '孙老师', '语文', '138-0000'],
      ['瑞安市实验小学', '三(3)班', '周老师', '英语', '13800000003'],
    ]);
    await page.setInputFiles('[data-form=import] input[type=file]', {
      name: '高楼镇中心小学教师.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bad,
    });
    await page.click('[data-form=import] button[type=submit]');
    const problems = page.locator('.import-problems');
    await problems.waitFor({ timeout: 30_000 });
    await expectSeen(problems, 'the list of problems');
    expect(await problems.locator('h3').textContent()).toBe(
      '有 1 处问题，未导入任何记录。改好后重新上传整份文件。',
    );
    const cells = await problems.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells).toEqual([
      '第 3 行',
      'E 列',
      '手机号',
      '“138-0000”不是 11 位手机号 138-0000 is not an 11-digit mobile number',
    ]);
    await keepScreenshots(page, 'setup-import-refused');
    // nothing written: not the good rows either
    expect(await server.tongke.store.timetable.list('teacher')).toEqual(teachersBefore);
    expect(await server.tongke.store.timetable.list('classroom')).toEqual(roomsBefore);

    const good = await workbook([
      ['瑞安市高楼镇中心小学', '五年级教室', '钱老师', '科学', 13800000001],
      ['瑞安市高楼镇中心小学', '六年级教室', '孙老师', '语文', '138-0000-0002'],
      ['瑞安市实验小学', '三(3)班', '周老师', '英语', '13800000003'],
    ]);
    await page.setInputFiles('[data-form=import] input[type=file]', {
      name: '高楼镇中心小学教师.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: good,
    });
    await page.click('[data-form=import] button[type=submit]');
    const done = page.locator('.import-done');
    await done.waitFor({ timeout: 30_000 });
    await expectSeen(done, 'the import summary');
    expect(await done.textContent()).toBe(
      '已导入 3 行：新增教室 3 间，新增教师 3 位，更新教师 0 位',
    );
    expect(await page.locator('.import-problems').count()).toBe(0);
    expect((await server.tongke.store.timetable.list('teacher')).length).toBe(
      teachersBefore.length + 3,
    );

    // The new teachers are on the list, found by a phone number.
    await page.click('a[data-tab-link=teachers]');
    await page.fill('input[name=q]', '13800000002');
    const rows = page.locator('[data-tab=teachers] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
    const row = rows.filter({ hasText: '孙老师' });
    await expectSeen(row, 'the imported teacher');
    expect(await row.locator('td').allTextContents()).toEqual(
      expect.arrayContaining(['孙老师', '瑞安市高楼镇中心小学', '语文', '13800000002', '无']),
    );
    await keepScreenshots(page, 'setup-teachers-after-import');
  });

  it('adds a member school whose bell and term start as the core school’s', async () => {
    const page = await browser.newPage(`${server.url}/setup/?community=${ruian.id}#schools`);
    await page.setViewportSize({ width: 1366, height: 768 });
    const form = page.locator('[data-form=new-school]');
    await form.waitFor({ timeout: 30_000 });
    await form.locator('input[name=name]').fill('瑞安市陶山镇中心小学');
    await form.locator('button[type=submit]').click();
    const row = page.locator('[data-tab=schools] tbody tr', { hasText: '瑞安市陶山镇中心小学' });
    await row.waitFor({ timeout: 30_000 });
    await expectSeen(row, 'the new school');
    expect(await row.locator('td').nth(1).textContent()).toBe('成员校');
    const community = await server.tongke.store.timetable.get('community', ruian.id);
    const added = (
      await server.tongke.store.timetable.getMany('school', community!.memberSchoolIds)
    ).find((s) => s.name === '瑞安市陶山镇中心小学');
    const core = await server.tongke.store.timetable.get('school', community!.coreSchoolId);
    expect(added?.bellSchedule).toEqual(core?.bellSchedule);
    expect(added?.calendar).toEqual(core?.calendar);
    await keepScreenshots(page, 'setup-schools');
  });
});
