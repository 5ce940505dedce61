// An enrolled classroom PC keeps its enrolment through everything that heals by itself —
// the server down and restarted — and rejoins its lesson; only the server's word that the
// PC was revoked (401 device_revoked) erases it, and the screen says so in Chinese.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DeviceInfo } from '../../shared/auth';
import { launchChromium, type Browser } from '../helpers/chromium';
import { freePort } from '../helpers/freePort';
import { expectClickable, keepScreenshots } from '../helpers/screen';
import { ManualClock } from '../../server/lessons/clock';
import { MIN, MemoryOccurrenceSource, T0, occurrence } from '../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../integration/lessons/support/lessonServer';

const o = occurrence();
const start = Date.parse(o.start);

describe('a classroom PC and the answers of /today', () => {
  let s: LessonServer;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let port: number;
  const clock = new ManualClock(T0);
  const source = new MemoryOccurrenceSource([o]);
  const saved = () => page.evaluate(() => localStorage.getItem('tongke.classroom'));
  const state = () =>
    page.evaluate(() => (window as unknown as { __tongke: { state: string } }).__tongke.state);

  beforeAll(async () => {
    port = await freePort();
    dataDir = await mkdtemp(join(tmpdir(), 'tongke-enrolment-'));
    s = await startLessonServer({ port, dataDir }, clock, source);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await s?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('enrols with the code form and waits for its lesson', async () => {
    const res = await s.api('/api/devices/enrolments', {
      method: 'POST',
      token: s.tokens.coordinator,
      body: JSON.stringify({ communityId: 'ruian-p-18', classroomId: 'room-gaolou-1' }),
    });
    const { code } = (await res.json()) as { code: string };
    page = await browser.newPage(`${s.url}/classroom/`);
    await page.fill('input[name=code]', code);
    await page.click('form[data-form=enrol] button[type=submit]');
    await expect.poll(() => page.textContent('.waiting'), { timeout: 15_000 }).toContain('数学');
  });

  it('keeps its enrolment while the server is down, says so, and rejoins after the restart', async () => {
    await s.close();
    // Its next look at the schedule (every 20 s) fails: a small status, nothing erased.
    await expect
      .poll(() => page.textContent('.waiting .schedule-status'), { timeout: 40_000 })
      .toContain('无法连接服务器');
    expect(await saved()).toContain('room-gaolou-1');
    await keepScreenshots(page, 'classroom-server-down');

    s = await startLessonServer({ port, dataDir }, clock, source, false);
    await expect
      .poll(() => page.locator('.waiting .schedule-status').count(), { timeout: 30_000 })
      .toBe(0);
    expect(await page.textContent('.waiting')).toContain('下一节课');
    // The lesson opens: the same enrolment takes the PC into it.
    await s.clock.advanceTo(start - 4 * MIN);
    await expect.poll(state, { timeout: 45_000 }).toBe('joined');
    expect(await saved()).toContain('room-gaolou-1');
  });

  it('is told it was revoked: erased, 本机已被注销, and the code form', async () => {
    const listed = await s.api('/api/devices?communityId=ruian-p-18', {
      token: s.tokens.coordinator,
    });
    const device = ((await listed.json()) as DeviceInfo[]).find(
      (d) => d.classroomId === 'room-gaolou-1' && d.revokedAt === undefined,
    )!;
    const revoked = await s.api(`/api/devices/${device.deviceId}/revoke`, {
      method: 'POST',
      token: s.tokens.coordinator,
    });
    expect(revoked.status).toBe(200);
    await expect
      .poll(() => page.locator('.revoked').textContent(), { timeout: 30_000 })
      .toContain('本机已被注销');
    expect(await saved()).toBeNull();
    await expectClickable(page.locator('form[data-form=enrol] button[type=submit]'), 'enrol');
    await keepScreenshots(page, 'classroom-revoked');
  });
});
