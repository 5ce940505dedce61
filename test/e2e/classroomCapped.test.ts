// A classroom PC of a school whose coordinator capped its downlink below what the teacher's
// lowest picture and voice need (issue #14): its big screen keeps the teacher's last frame,
// goes on playing her voice and says, over her picture and readable from the back row,
// that it is the school's cap. Checked as a person sees it: the notice is drawn inside the
// screen in its red, the teacher's tile is still there, and her audio keeps arriving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from '../helpers/chromium';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import { decodePng } from '../helpers/pixels';
import { keepScreenshots, waitShown } from '../helpers/screen';
import { MIN, occurrence } from '../unit/lessons/support/occurrences';
import { member } from '../unit/timetable/support/world';
import { startLessonServer, type LessonServer } from '../integration/lessons/support/lessonServer';

const o = occurrence();
const start = Date.parse(o.start);

describe('a classroom PC under its school’s downlink cap', () => {
  let s: LessonServer;
  let browser: Browser;
  let page: Page;
  const peers: LivePeer[] = [];

  beforeAll(async () => {
    s = await startLessonServer();
    // The member school as the set-up screen knows it (the lesson server seeds classrooms only).
    await s.tongke.store.timetable.apply({ put: { school: [{ ...member, id: 'sch-gaolou' }] } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await browser?.close();
    await s?.close();
  });

  const json = { 'content-type': 'application/json' };

  it('pauses the picture, keeps the voice, and says it is the school’s cap', async () => {
    const enrol = await s.api('/api/devices/enrolments', {
      method: 'POST',
      token: s.tokens.coordinator,
      headers: json,
      body: JSON.stringify({ communityId: 'ruian-p-18', classroomId: 'room-gaolou-1' }),
    });
    const { code } = (await enrol.json()) as { code: string };
    page = await browser.newPage(`${s.url}/classroom/`);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.fill('input[name=code]', code);
    await page.click('form[data-form=enrol] button[type=submit]');
    await s.clock.advanceTo(start - 4 * MIN);
    peers.push(
      await livePeer(
        s.url,
        { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
        { camera: { width: 640, height: 360 }, mic: true },
      ),
    );
    const teacherTile = page.locator('.screens .tile[data-source="camera"] video').first();
    await waitShown(teacherTile, 'the PC: the teacher, uncapped', 40_000);
    const notice = page.locator('.reception-notice');
    expect(await notice.isHidden()).toBe(true);

    // 200 kbit/s for the school, and the classroom's second screen joins: 100 each, below
    // the teacher's lowest picture with her voice.
    const cap = await s.api(
      '/api/setup/communities/ruian-p-18/schools/sch-gaolou/downlink-budget',
      {
        method: 'PUT',
        token: s.tokens.coordinator,
        headers: json,
        body: JSON.stringify({ downlinkKbps: 200 }),
      },
    );
    expect(cap.status).toBe(200);
    peers.push(
      await livePeer(s.url, {
        roomId: o.occurrenceId,
        token: await s.deviceToken('room-gaolou-1'),
        displayName: '高楼镇中心小学 三(1)班 辅助屏',
      }),
    );
    await expect.poll(() => notice.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await notice.textContent()).toMatch(/^学校下行带宽上限：保留老师声音，画面暂停/);

    // Drawn where a person looks: inside the screen, over the teacher's picture, in red.
    const box = (await notice.boundingBox())!;
    const tile = (await teacherTile.boundingBox())!;
    expect(box.width * box.height).toBeGreaterThan(0);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1920);
    expect(box.y + box.height).toBeLessThanOrEqual(1080);
    const overlap =
      Math.max(0, Math.min(box.x + box.width, tile.x + tile.width) - Math.max(box.x, tile.x)) *
      Math.max(0, Math.min(box.y + box.height, tile.y + tile.height) - Math.max(box.y, tile.y));
    expect(overlap).toBeGreaterThan(0);
    const shot = await decodePng(await page.screenshot());
    const inside = shot.at(box.x + 6, box.y + box.height / 2);
    expect(inside.r, 'the notice’s red background').toBeGreaterThan(120);
    expect(inside.g).toBeLessThan(90);

    // Her voice goes on while her picture is held: the PC's <audio> of her mic plays on.
    const playing = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('audio')]
          .filter(
            (a) =>
              !a.paused &&
              (a.srcObject as MediaStream | null)?.getAudioTracks()[0]?.readyState === 'live',
          )
          .map((a) => a.currentTime),
      );
    const before = await playing();
    expect(before.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 2000));
    const after = await playing();
    expect(after.length).toBe(before.length);
    expect(Math.max(...after) - Math.max(...before)).toBeGreaterThan(1.5);
    await keepScreenshots(page, 'classroom-capped');
  }, 120_000);
});
