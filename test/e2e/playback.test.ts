// 录播回放 in Chromium: a lesson recorded with real media plays back as the projectors
// showed it (courseware large while shared, then the teacher large), seeks, and speeds up;
// the teacher's question is a chapter mark and a card beside the chapters (asked, then how
// the classrooms answered), and her 批注 stroke is drawn over the courseware from the moment
// she drew it, and not before.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest, Segment } from '../../shared/recording';
import { launchChromiumProfiles, type Profiles } from '../helpers/chromium';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import {
  openPlayback,
  playbackState as state,
  seekPlayback as seek,
  seekPlaybackAndWait,
} from '../helpers/playbackPage';
import { anyNear, decodePng, type Rgb } from '../helpers/pixels';
import { expectClickable, screenshotDir, waitShown } from '../helpers/screen';
import { waitUntil } from '../helpers/waitUntil';
import { MIN, occurrence } from '../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../integration/lessons/support/lessonServer';

const o = occurrence();
const start = Date.parse(o.start);
const end = Date.parse(o.end);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** the teacher's stroke: a red ∧ across the courseware (fractions of its picture) */
const STROKE = [0.2, 0.3, 0.5, 0.5, 0.8, 0.3];
const red = ({ r, g, b }: Rgb) => r > 170 && g < 110 && b < 110;

describe('a recorded lesson plays back in the browser', () => {
  let s: LessonServer;
  let browser: Profiles;
  const peers: LivePeer[] = [];
  /** seconds since the recording began when the courseware was put away */
  let unsharedS = 0;
  /** … when the question was asked and the stroke drawn (from the recorded events) */
  let questionS = 0;
  let closedS = 0;
  let strokeS = 0;

  beforeAll(async () => {
    s = await startLessonServer();
    await s.clock.advanceTo(start - 4 * MIN);
    const teacher = await livePeer(
      s.url,
      { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
      { camera: { width: 640, height: 360 }, mic: true, screen: true },
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
    const recordingStart = Date.now();
    await sleep(2000);
    await teacher.client.setStage(classroom.client.session!.peerId);
    await sleep(1000);
    const q = await teacher.client.request('askQuestion', {
      kind: 'truefalse',
      prompt: '2 是质数吗？',
    });
    await classroom.client.request('answerQuestion', {
      questionId: q.questionId,
      answer: { choices: [0] },
    });
    await sleep(1000);
    await teacher.client.request('closeQuestion', { questionId: q.questionId });
    await sleep(500);
    await teacher.client.request('annotationStroke', {
      pageId: 'p1',
      strokeId: 's1',
      tool: 'pen',
      color: '#e53935',
      width: 0.01,
      points: STROKE,
      done: true,
    });
    await sleep(2000);
    await teacher.client.unpublish('screen');
    unsharedS = (Date.now() - recordingStart) / 1000;
    await sleep(6000);
    await s.clock.advanceTo(end + 1);
    await waitUntil(
      async () => (await s.tongke.recording.recordings.view(o.occurrenceId))?.manifest.state,
      (state) => state === 'stopped',
      { what: 'the recording to stop' },
    );
    await Promise.all(peers.map((p) => p.stop()));
    peers.length = 0;
    const view = await s.tongke.recording.recordings.view(o.occurrenceId);
    const sinceStart = (at: number) => (at - view!.manifest.startedAt) / 1000;
    questionS = sinceStart(view!.events.find((e) => e.type === 'question_asked')!.at);
    closedS = sinceStart(view!.events.find((e) => e.type === 'question_closed')!.at);
    strokeS = sinceStart(view!.events.find((e) => e.type === 'annotation')!.at);
    console.log('question at', questionS, 's, stroke at', strokeS, 's');
    console.log(
      'segments',
      view!.manifest.segments.map((x) => [x.id, x.startedAt - view!.manifest.startedAt, x.end]),
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
  const seekAndWait = seekPlaybackAndWait;

  it('plays the courseware large with the teacher beside it, then the teacher large', async () => {
    const page = await open({ width: 1366, height: 768 });
    expect(await page.locator('.mark').count()).toBeGreaterThanOrEqual(2);
    await page.click('button.play');
    // The tracks' first segments start a few hundred ms into the recording.
    await expect
      .poll(async () => (await state(page)).layout, { timeout: 10_000 })
      .toBe('courseware');
    await waitShown(page.locator('.track-screen video'), 'courseware', 15_000);
    await waitShown(page.locator('.track-teacher video'), 'teacher', 15_000);
    const screenBox = (await page.locator('.track-screen').boundingBox())!;
    const teacherBox = (await page.locator('.track-teacher').boundingBox())!;
    expect(screenBox.width).toBeGreaterThan(teacherBox.width * 2);
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'playback-courseware-1366x768.png') });

    // Seek past the moment the courseware was put away: the teacher is large now.
    await page.click('button.play'); // pause
    const before = await page.locator('.track-teacher video').screenshot();
    await seek(page, unsharedS + 3);
    await expect.poll(async () => (await state(page)).layout).toBe('teacher');
    await expect.poll(() => page.locator('.track-screen').isHidden()).toBe(true);
    // The teacher's video is at the new moment, and shows another frame.
    await expect
      .poll(() =>
        page.locator('.track-teacher video').evaluate((v: HTMLVideoElement) => v.currentTime),
      )
      .toBeGreaterThan(unsharedS + 1.5);
    await sleep(500);
    const after = await page.locator('.track-teacher video').screenshot();
    expect(Buffer.compare(before, after)).not.toBe(0);
    const box = (await page.locator('.track-teacher').boundingBox())!;
    const stageBox = (await page.locator('.track-stage').boundingBox())!;
    expect(box.width).toBeGreaterThan(stageBox.width * 2);
    await page.click('button.play');
    await waitShown(page.locator('.track-teacher video'), 'teacher large', 15_000);
    await waitShown(page.locator('.track-stage video'), 'stage', 15_000);
    await page.screenshot({ path: join(screenshotDir, 'playback-teacher-1366x768.png') });
  });

  it('plays at 2× and seeks with the bar at a projector’s size', async () => {
    const page = await open({ width: 1920, height: 1080 });
    await page.click('button.play');
    await page.click('button.speed:has-text("2×")');
    const t1 = (await state(page)).t;
    await sleep(2000);
    const t2 = (await state(page)).t;
    expect((await state(page)).rate).toBe(2);
    expect(t2 - t1).toBeGreaterThan(3);
    expect(
      await page.locator('.track-teacher video').evaluate((v: HTMLVideoElement) => v.playbackRate),
    ).toBe(2);
    // The seek bar: drag to the start.
    await page.locator('input.seek').fill('0.5');
    await expect.poll(async () => (await state(page)).t).toBeLessThan(3);
    await expect.poll(async () => (await state(page)).layout).toBe('courseware');
    await page.screenshot({ path: join(screenshotDir, 'playback-1920x1080.png') });
  });
  it('marks the question on the bar and draws the stroke over the courseware from its moment', async () => {
    const page = await open({ width: 1920, height: 1080 });
    const mark = page.locator('.mark.mark-question');
    expect(await mark.count()).toBe(1);
    expect(await mark.getAttribute('title')).toContain('提问：2 是质数吗？');
    const left = Number.parseFloat((await mark.getAttribute('style'))!.replace(/.*left:\s*/, ''));
    const durationS = Number(await page.locator('input.seek').getAttribute('max'));
    expect(Math.abs((left / 100) * durationS - questionS)).toBeLessThan(0.2);
    await expect(page.locator('.chapters button', { hasText: '提问' }).count()).resolves.toBe(1);

    const seekTo = async (t: number) => {
      await seekAndWait(page, t);
      // the courseware's frame for that moment is decoded and painted
      await expect
        .poll(
          () =>
            page
              .locator('.track-screen video')
              .evaluate((v: HTMLVideoElement) => v.readyState >= 2 && !v.seeking),
          { timeout: 10_000 },
        )
        .toBe(true);
      await sleep(400);
    };
    const layer = page.locator('.track-screen svg.annotation-layer');
    const strokePixels = async () => {
      const box = (await layer.boundingBox())!;
      const pic = await decodePng(await page.screenshot());
      const at = (fx: number, fy: number): [number, number] => [
        box.x + fx * box.width,
        box.y + fy * box.height,
      ];
      return {
        box,
        // on the stroke's two legs, and a point of the picture away from it
        onStroke: [at(0.35, 0.4), at(0.65, 0.4)].map(([x, y]) => anyNear(pic, x, y, 3, red)),
        off: anyNear(pic, ...at(0.5, 0.15), 3, red),
      };
    };

    // Before the stroke: the courseware, and nothing drawn on it.
    await seekTo(strokeS - 1);
    expect((await state(page)).layout).toBe('courseware');
    expect((await state(page)).strokes).toEqual([]);
    const before = await strokePixels();
    expect(before.box.width).toBeGreaterThan(800);
    expect(before.onStroke).toEqual([false, false]);

    // Past it: the stroke over the courseware, where she drew it on the picture.
    await seekTo(strokeS + 0.5);
    expect((await state(page)).strokes).toEqual(['s1']);
    await expectClickable(page.locator('.track-screen video'), 'courseware under the stroke');
    const after = await strokePixels();
    expect(after.onStroke).toEqual([true, true]);
    expect(after.off).toBe(false);
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'playback-annotation-1920x1080.png') });

    // Back before it again: gone; played through at 2×: there once the clock passes it.
    await seekTo(strokeS - 1.5);
    expect((await state(page)).strokes).toEqual([]);
    expect((await strokePixels()).onStroke).toEqual([false, false]);
    await page.click('button.speed:has-text("2×")');
    await page.click('button.play');
    await expect.poll(async () => (await state(page)).strokes, { timeout: 10_000 }).toEqual(['s1']);
    expect((await state(page)).t).toBeGreaterThanOrEqual(strokeS);
    expect((await state(page)).rate).toBe(2);
    await page.click('button.play');
  });

  it('shows the question while it was answered, then how the classrooms answered', async () => {
    const page = await open({ width: 1920, height: 1080 });
    const card = page.locator('.recorded-question');
    const seekTo = (t: number) => seekAndWait(page, t);
    await seekTo(Math.max(0, questionS - 0.5));
    await expect.poll(() => card.count()).toBe(0);

    await seekTo((questionS + closedS) / 2);
    await expect.poll(() => card.getAttribute('class')).toContain('open');
    expect(await card.locator('h2').textContent()).toBe('第 1 题 · 判断：2 是质数吗？');
    expect(await card.locator('.summary').textContent()).toMatch(/^作答中/);

    await seekTo(closedS + 0.5);
    await expect.poll(() => card.getAttribute('class')).toContain('closed');
    expect(await card.locator('.summary').textContent()).toMatch(/^已结束：1 个教室作答/);
    // the one classroom said 对: its bar is full, 错's is empty
    expect(await card.locator('[data-bar="choice-0"]').getAttribute('data-value')).toBe('1');
    expect(await card.locator('[data-bar="choice-1"]').getAttribute('data-value')).toBe('0');
    // seen: a box on the screen, and the videos beside it are not covered by it
    const box = (await card.boundingBox())!;
    expect(box.width).toBeGreaterThan(200);
    expect(box.y + box.height).toBeLessThanOrEqual(1080);
    await expectClickable(page.locator('.track-teacher video'), 'teacher beside the question');
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'playback-question-1920x1080.png') });
    await page.close();
  });

  it('plays on past a broken file and a missing one', async () => {
    const dir = s.tongke.recording.recordings.dirOf(o.occurrenceId);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const stage = manifest.segments.find((x) => x.track === 'stage')!;
    // Two later segments over the real stage one: a player that trusted them would show
    // nothing there; one that skips them falls back to the real file.
    const broken = (id: string, file: string): Segment => ({
      id,
      track: 'stage',
      peerId: 'x',
      displayName: 'x',
      file,
      streams: ['video'],
      startedAt: stage.startedAt + 100,
      endedAt: manifest.endedAt!,
      end: 'stopped',
      // the server says it plays; the browser will find out it does not
      playable: true,
    });
    await writeFile(join(dir, '098-stage.webm'), Buffer.alloc(4096, 7));
    manifest.segments.push(
      broken('098-stage', '098-stage.webm'),
      broken('099-stage', '099-stage.webm'),
    );
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const page = await open({ width: 1366, height: 768 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.click('button.play');
    await seek(page, unsharedS + 1);
    await waitShown(page.locator('.track-teacher video'), 'teacher past broken files', 15_000);
    await waitShown(page.locator('.track-stage video'), 'stage from its real file', 15_000);
    expect(
      await page.locator('.track-stage video').evaluate((v: HTMLVideoElement) => v.currentSrc),
    ).toContain(`/files/${stage.file}`);
    expect(errors).toEqual([]);
  });
  it('lists the community’s recorded lessons and opens one', async () => {
    const page = await browser.newPage(`${s.url}/playback/`, { width: 1366, height: 768 });
    await page.evaluate(
      (token) => sessionStorage.setItem('tongke.token', token),
      s.tokens.observer,
    );
    await page.reload();
    const item = page.locator(`li[data-recording="${o.occurrenceId}"] a`);
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    expect(await item.textContent()).toContain(o.subject);
    await item.click();
    await page.waitForSelector('.playback');
    expect(new URL(page.url()).searchParams.get('occurrence')).toBe(o.occurrenceId);
  });

  it('lets a coordinator turn recording off, keep recordings 90 days, and delete one', async () => {
    const page = await browser.newPage(`${s.url}/playback/`, { width: 1366, height: 768 });
    await page.evaluate(
      (token) => sessionStorage.setItem('tongke.token', token),
      s.tokens.coordinator,
    );
    await page.reload();
    const form = page.locator('form.policy[data-community="ruian-p-18"]');
    await form.waitFor();
    await expectClickable(form.locator('button[type="submit"]'), 'save the recording policy');
    await form.locator('input[name="enabled"]').uncheck();
    await form.locator('input[name="retentionDays"]').fill('90');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => form.locator('[role="status"]').textContent()).toContain('已保存');
    const policy = (await (
      await s.api('/api/communities/ruian-p-18/recording-policy', { token: s.tokens.wang })
    ).json()) as { enabled: boolean; retentionDays?: number };
    expect(policy).toMatchObject({ enabled: false, retentionDays: 90 });
    await page.screenshot({ path: join(screenshotDir, 'playback-list-coordinator-1366x768.png') });

    const row = page.locator(`li[data-recording="${o.occurrenceId}"]`);
    page.once('dialog', (dialog) => void dialog.accept());
    await expectClickable(row.locator('button.delete'), 'delete the recording');
    await row.locator('button.delete').click();
    await expect.poll(() => row.count()).toBe(0);
    const gone = await s.api(`/api/recordings/${encodeURIComponent(o.occurrenceId)}`, {
      token: s.tokens.coordinator,
    });
    expect(gone.status).toBe(404);
  });

  it('shows an observer no policy to change and nothing to delete', async () => {
    const page = await browser.newPage(`${s.url}/playback/`, { width: 1366, height: 768 });
    await page.evaluate(
      (token) => sessionStorage.setItem('tongke.token', token),
      s.tokens.observer,
    );
    await page.reload();
    const form = page.locator('form.policy[data-community="ruian-p-18"]');
    await form.waitFor();
    expect(await form.locator('button[type="submit"]').isDisabled()).toBe(true);
    expect(await page.locator('button.delete').count()).toBe(0);
  });
});
