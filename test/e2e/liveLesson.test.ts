// The live lesson in Debian's Chromium with fake camera and microphone: one teacher page,
// two classroom pages, all through the built screens and the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from '../helpers/chromium';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { waitUntil } from '../helpers/waitUntil';
import { keepScreenshots, waitShown } from '../helpers/screen';

interface TileInfo {
  source: string;
  peerId: string;
  width: number;
  height: number;
  frames: number;
}

const tilesOf = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __tongke: { tiles(): TileInfo[] } }).__tongke.tiles(),
  );

describe('live lesson in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let teacher: Page;
  const classrooms: Page[] = [];

  beforeAll(async () => {
    server = await startTongke({ numWorkers: 1 });
    browser = await launchChromium();
    const q = 'room=e2e-lesson&code=e2e12345';
    teacher = await browser.newPage(
      `${server.url}/teacher/?${q}&name=${encodeURIComponent('林老师')}&autostart=1`,
    );
    await waitUntil(
      () =>
        teacher.evaluate(
          () => (window as unknown as { __tongke?: { state: string } }).__tongke?.state,
        ),
      (state) => state === 'joined',
      { timeoutMs: 20_000, what: 'the teacher page to join' },
    );
    for (const name of ['潘山分校 三(1)班', '下林小学 三(2)班']) {
      classrooms.push(
        await browser.newPage(`${server.url}/classroom/?${q}&name=${encodeURIComponent(name)}`),
      );
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('each classroom page plays the teacher’s video, frames advancing', async () => {
    for (const page of classrooms) {
      await expect
        .poll(async () => (await tilesOf(page)).find((t) => t.source === 'camera')?.width ?? 0, {
          timeout: 30_000,
        })
        .toBeGreaterThan(0);
      const before = (await tilesOf(page)).find((t) => t.source === 'camera')!.frames;
      await expect
        .poll(async () => (await tilesOf(page)).find((t) => t.source === 'camera')!.frames, {
          timeout: 10_000,
        })
        .toBeGreaterThan(before + 10);
    }
  });

  it('the teacher page shows two classroom tiles with their video', async () => {
    await expect
      .poll(() => teacher.locator('.wall .tile.classroom').count(), { timeout: 20_000 })
      .toBe(2);
    await expect
      .poll(
        () =>
          teacher.evaluate(
            () =>
              [
                ...document.querySelectorAll<HTMLVideoElement>('.wall .tile.classroom video'),
              ].filter((v) => v.videoWidth > 0).length,
          ),
        { timeout: 20_000 },
      )
      .toBe(2);
    for (const [i, video] of (
      await teacher.locator('.wall .tile.classroom video').all()
    ).entries()) {
      await waitShown(video, `the teacher's wall: classroom ${i + 1}`);
    }
    for (const [i, page] of classrooms.entries()) {
      await waitShown(
        page.locator('.screens .tile[data-source="camera"] video').first(),
        `classroom ${i + 1}: the teacher`,
      );
    }
    await keepScreenshots(teacher, 'live-teacher');
    await keepScreenshots(classrooms[0]!, 'live-classroom');
    const names = await teacher.locator('.wall .tile.classroom .footer .caption').allTextContents();
    expect(names.sort()).toEqual(['下林小学 三(2)班', '潘山分校 三(1)班'].sort());
  });

  it('a raised hand shows on the teacher’s wall', async () => {
    await classrooms[0]!.locator('button.hand-up').click();
    await expect
      .poll(() => teacher.locator('.wall .tile.hand-raised').count(), { timeout: 10_000 })
      .toBe(1);
  });
});
