// 录播回放 of the teaching tools in Chromium: a lesson where the teacher shares nothing,
// starts a 30 s countdown, opens a 批注 whiteboard page and draws on it, stops the timer and
// goes back to the courseware's page. Seeking before, during and after, the page shows what
// the projectors showed: the countdown's clock from the recorded times (beside the videos),
// and the whiteboard large in the courseware's place with her ink, the teacher beside it.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { launchChromiumProfiles, type Profiles } from '../helpers/chromium';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import { openPlayback, playbackState as state, seekPlaybackAndWait } from '../helpers/playbackPage';
import { anyNear, decodePng, type Rgb } from '../helpers/pixels';
import { expectClickable, screenshotDir } from '../helpers/screen';
import { waitUntil } from '../helpers/waitUntil';
import { MIN, occurrence } from '../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../integration/lessons/support/lessonServer';

const o = occurrence();
const start = Date.parse(o.start);
const end = Date.parse(o.end);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const COUNTDOWN_MS = 30_000;
/** her stroke on the whiteboard: a red ∧ (fractions of the 16:9 sheet) */
const STROKE = [0.2, 0.3, 0.5, 0.6, 0.8, 0.3];
const red = ({ r, g, b }: Rgb) => r > 170 && g < 110 && b < 110;
const white = ({ r, g, b }: Rgb) => r > 240 && g > 240 && b > 240;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('a recorded lesson plays back its timer and its whiteboard', () => {
  let s: LessonServer;
  let browser: Profiles;
  const peers: LivePeer[] = [];
  /** seconds since the recording began, from the recorded events */
  let timerS = 0;
  let pageS = 0;
  let strokeS = 0;
  let stoppedS = 0;
  let closedS = 0;

  beforeAll(async () => {
    s = await startLessonServer();
    await s.clock.advanceTo(start - 4 * MIN);
    const teacher = await livePeer(
      s.url,
      { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    const classroom = await livePeer(
      s.url,
      {
        roomId: o.occurrenceId,
        token: await s.deviceToken('room-gaolou-1'),
        displayName: '高楼镇中心小学 三(1)班',
      },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    peers.push(teacher, classroom);
    await (
      await classroom.waitForTrack(teacher.client.session!.peerId, 'camera')
    ).video!.waitFor(5);
    await s.clock.advanceTo(start);
    await sleep(2000);
    await teacher.client.request('startTimer', {
      mode: 'countdown',
      durationSeconds: COUNTDOWN_MS / 1000,
    });
    await sleep(1500);
    // nothing is shared: the whiteboard page is the courseware of the moment
    const board = await teacher.client.request('annotationNewPage', { background: 'blank' });
    await sleep(1500);
    await teacher.client.request('annotationStroke', {
      pageId: board.page.id,
      strokeId: 'w1',
      tool: 'pen',
      color: '#e53935',
      width: 0.01,
      points: STROKE,
      done: true,
    });
    await sleep(2500);
    await teacher.client.request('stopTimer', {});
    await sleep(1500);
    // back to the courseware's page: the whiteboard closes
    await teacher.client.request('annotationGoToPage', { pageId: 'p1' });
    await sleep(3000);
    await s.clock.advanceTo(end + 1);
    await waitUntil(
      async () => (await s.tongke.recording.recordings.view(o.occurrenceId))?.manifest.state,
      (st) => st === 'stopped',
      { what: 'the recording to stop' },
    );
    await Promise.all(peers.map((p) => p.stop()));
    peers.length = 0;
    const view = (await s.tongke.recording.recordings.view(o.occurrenceId))!;
    const sinceStart = (at: number) => (at - view.manifest.startedAt) / 1000;
    const atOf = (type: string) => sinceStart(view.events.find((e) => e.type === type)!.at);
    timerS = atOf('timer_started');
    stoppedS = atOf('timer_stopped');
    const drawn = view.events.flatMap((e) => (e.type === 'annotation' ? [e.annotation] : []));
    const pageOpened = (action: 'new' | 'go') =>
      drawn.find((a) => a.kind === 'annotation.page' && a.action === action)!.at;
    pageS = sinceStart(pageOpened('new'));
    strokeS = sinceStart(drawn.find((a) => a.kind === 'annotation.stroke')!.at);
    closedS = sinceStart(pageOpened('go'));
    console.log(
      'timer',
      timerS,
      'page',
      pageS,
      'stroke',
      strokeS,
      'stop',
      stoppedS,
      'close',
      closedS,
    );
    browser = await launchChromiumProfiles();
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await browser?.close();
    await s?.close();
  });

  const open = (viewport: { width: number; height: number }) =>
    openPlayback(browser, s.url, o.occurrenceId, s.tokens.observer, viewport);
  /** the countdown's clock at `t` s of the recording, as a projector drew it (rounded up) */
  const countdownText = (t: number) => {
    const left = Math.max(0, COUNTDOWN_MS - (t - timerS) * 1000);
    return `00:${String(Math.ceil(left / 1000)).padStart(2, '0')}`;
  };
  /** a paused video seen: its frame decoded, nothing over it */
  const expectSeen = async (video: Locator, what: string) => {
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState >= 2 && !v.seeking), {
        timeout: 10_000,
      })
      .toBe(true);
    await expectClickable(video, what);
  };
  const box = async (l: Locator): Promise<Box> => {
    const b = await l.boundingBox();
    expect(b, 'rendered').not.toBeNull();
    return b!;
  };

  it('shows the countdown beside the videos, from the recorded times, held once stopped', async () => {
    const page = await open({ width: 1366, height: 768 });
    const timer = page.locator('.recorded-timer');

    // Before the teacher started it: no timer.
    await seekPlaybackAndWait(page, timerS - 0.5);
    await expect.poll(() => timer.isHidden()).toBe(true);

    // Running: the clock at that moment of the lesson, whatever the time is now.
    for (const t of [timerS + 0.5, timerS + 3.5]) {
      await seekPlaybackAndWait(page, t);
      await expect.poll(() => timer.locator('.digits').textContent()).toBe(countdownText(t));
      expect(await timer.locator('.label').textContent()).toBe('倒计时');
      expect(await timer.getAttribute('class')).not.toContain('stopped');
    }
    const shown = await box(timer);
    expect(shown.width).toBeGreaterThan(60);
    expect(shown.y + shown.height).toBeLessThanOrEqual(768);
    // beside the videos, never over one
    const teacher = page.locator('.track-teacher');
    await expectSeen(teacher.locator('video'), 'teacher beside the timer');
    for (const tile of await page.locator('.stage .tile:visible').all()) {
      expect(overlaps(shown, await box(tile)), 'the timer over a video').toBe(false);
    }
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'playback-timer-1366x768.png') });

    // Playing: it follows the player's clock, not the wall's.
    await page.click('button.play');
    await sleep(1500);
    await page.click('button.play');
    const { t } = await state(page);
    expect(t).toBeGreaterThan(timerS + 4.5);
    await expect.poll(() => timer.locator('.digits').textContent()).toBe(countdownText(t));
    const ms = Number(await timer.getAttribute('data-ms'));
    expect(Math.abs(ms - (COUNTDOWN_MS - (t - timerS) * 1000))).toBeLessThan(2);

    // Stopped: the value it had then, held (as on the projectors), greyed.
    for (const after of [stoppedS + 0.5, closedS + 2]) {
      await seekPlaybackAndWait(page, after);
      await expect.poll(() => timer.getAttribute('class')).toContain('stopped');
      expect(await timer.locator('.digits').textContent()).toBe(countdownText(stoppedS));
    }
    // Back before it again: gone.
    await seekPlaybackAndWait(page, 0.5);
    await expect.poll(() => timer.isHidden()).toBe(true);
    await page.close();
  });

  it('shows the whiteboard page large with her ink, the teacher beside it, while it is open', async () => {
    const page = await open({ width: 1920, height: 1080 });
    const tile = page.locator('.track-whiteboard');
    const sheet = tile.locator('.annotation-sheet');
    const teacherVideo = page.locator('.track-teacher video');
    const seekTo = async (t: number) => {
      await seekPlaybackAndWait(page, t);
      await sleep(300); // redrawn on the next tick
    };
    const ink = async () => {
      const b = await box(sheet);
      const pic = await decodePng(await page.screenshot());
      const at = (fx: number, fy: number): [number, number] => [
        b.x + fx * b.width,
        b.y + fy * b.height,
      ];
      return {
        box: b,
        // on the stroke's two legs; a point of the sheet away from it
        onStroke: [at(0.35, 0.45), at(0.65, 0.45)].map(([x, y]) => anyNear(pic, x, y, 3, red)),
        paper: white(pic.at(...at(0.5, 0.85))),
        offRed: anyNear(pic, ...at(0.5, 0.85), 3, red),
      };
    };

    // Before the page was opened: the teacher large, no whiteboard.
    await seekTo(pageS - 0.5);
    expect(await state(page)).toMatchObject({ layout: 'teacher', whiteboard: false });
    expect(await tile.isHidden()).toBe(true);

    // Opened, not drawn on yet: a white sheet, nothing on it.
    await seekTo((pageS + strokeS) / 2);
    expect(await state(page)).toMatchObject({ whiteboard: true, strokes: [] });
    const blank = await ink();
    expect(blank.paper).toBe(true);
    expect(blank.onStroke).toEqual([false, false]);

    // Drawn on: her stroke where she drew it; the whiteboard large in the courseware's place,
    // the teacher beside it, uncovered.
    await seekTo(strokeS + 0.5);
    expect(await state(page)).toMatchObject({
      layout: 'courseware',
      whiteboard: true,
      strokes: ['w1'],
    });
    const drawn = await ink();
    expect(drawn.onStroke).toEqual([true, true]);
    expect(drawn.paper).toBe(true);
    expect(drawn.offRed).toBe(false);
    const board = await box(tile);
    await expectSeen(teacherVideo, 'teacher beside the whiteboard');
    const teacher = await box(page.locator('.track-teacher'));
    expect(board.width).toBeGreaterThan(teacher.width * 2);
    expect(drawn.box.width).toBeGreaterThan(1000);
    expect(overlaps(board, teacher), 'the whiteboard over the teacher').toBe(false);
    expect(overlaps(await box(page.locator('.recorded-timer')), board)).toBe(false);
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'playback-whiteboard-1920x1080.png') });

    // Closed (back to the courseware's page, nothing shared): gone, the teacher large again.
    await seekTo(closedS + 0.5);
    expect(await state(page)).toMatchObject({ layout: 'teacher', whiteboard: false });
    expect(await tile.isHidden()).toBe(true);
    await expectSeen(teacherVideo, 'teacher large after the whiteboard');
    expect((await box(page.locator('.track-teacher'))).width).toBeGreaterThan(1000);
    await page.screenshot({
      path: join(screenshotDir, 'playback-whiteboard-closed-1920x1080.png'),
    });

    // Seeking back into it: there again, ink and all.
    await seekTo(strokeS + 1);
    expect(await state(page)).toMatchObject({ whiteboard: true, strokes: ['w1'] });
    expect((await ink()).onStroke).toEqual([true, true]);
    await page.close();
  });
});
