// What the projectors show, chosen by the teacher and held by the server, in Chromium: the
// teacher switches layouts and shares her screen (Chromium's fake screen), a member
// classroom's projector at 1920×1080 follows — each video where the layout puts it, shown
// and not covered — and a classroom that comes back mid-lesson shows the current layout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from '../helpers/chromium';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { expectClickable, keepScreenshots, waitShown } from '../helpers/screen';
import { waitUntil } from '../helpers/waitUntil';

const q = 'room=e2e-layouts&code=layout42';
const projector = { width: 1920, height: 1080 };

type Box = { x: number; y: number; width: number; height: number };

describe('the projector layout the teacher chooses', () => {
  let server: TestServer;
  let browser: Browser;
  let teacher: Page;
  let classroom: Page;
  let onStage: LivePeer;
  let stageId: string;

  const openClassroom = async () => {
    const page = await browser.newPage(
      `${server.url}/classroom/?${q}&name=${encodeURIComponent('潘山分校 三(1)班')}`,
    );
    await page.setViewportSize(projector);
    return page;
  };
  const screens = (page: Page) => page.locator('.screens');
  const teacherTile = (page: Page) =>
    page.locator(`.screens > .tile[data-source="camera"]:not([data-peer="${stageId}"])`);
  const stageTile = (page: Page) =>
    page.locator(`.screens > .tile[data-source="camera"][data-peer="${stageId}"]`);
  const screenTile = (page: Page) => page.locator('.screens > .tile[data-source="screen"]');
  const box = async (page: Page, tile: ReturnType<typeof teacherTile>, what: string) => {
    const shown = await waitShown(tile.locator('video'), what, 45_000);
    return shown.box as Box;
  };
  const layoutShown = (page: Page, layout: string) =>
    expect.poll(() => screens(page).getAttribute('data-layout'), { timeout: 20_000 }).toBe(layout);
  const choose = async (layout: string) => {
    const button = teacher.locator(`.layout-picker button[data-layout="${layout}"]`);
    await expectClickable(button, `the teacher's ${layout} button`);
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
  };

  beforeAll(async () => {
    server = await startTongke({ numWorkers: 1 });
    browser = await launchChromium();
    teacher = await browser.newPage(
      `${server.url}/teacher/?${q}&name=${encodeURIComponent('林老师')}&autostart=1`,
    );
    await teacher.setViewportSize({ width: 1366, height: 768 });
    await waitUntil(
      () =>
        teacher.evaluate(
          () => (window as unknown as { __tongke?: { state: string } }).__tongke?.state,
        ),
      (state) => state === 'joined',
      { timeoutMs: 30_000, what: 'the teacher page to join' },
    );
    // The classroom that goes on stage: a Node peer with a camera (cheaper than a tab).
    onStage = await livePeer(
      server.url,
      {
        roomId: 'e2e-layouts',
        roomCode: 'layout42',
        displayName: '下林小学 三(2)班',
        role: 'classroom',
      },
      { camera: { width: 640, height: 360 } },
    );
    stageId = onStage.client.session!.peerId;
    classroom = await openClassroom();
  });

  afterAll(async () => {
    await onStage?.stop();
    await browser?.close();
    await server?.close();
  });

  it('starts with the teacher full screen on the projector', async () => {
    await layoutShown(classroom, 'teacher');
    const t = await box(classroom, teacherTile(classroom), 'the teacher, full screen');
    expect(t.width).toBeGreaterThan(projector.width * 0.9);
    expect(t.height).toBeGreaterThan(projector.height * 0.7);
    // The captions read from the back row.
    const size = await teacherTile(classroom)
      .locator('.caption')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(28);
    await keepScreenshots(classroom, 'projector-teacher');
  });

  it('the classroom on stage beside the teacher', async () => {
    await teacher
      .locator(`.tile.classroom[data-peer="${stageId}"] button:has-text("上台")`)
      .click();
    await choose('stage');
    await layoutShown(classroom, 'stage');
    const t = await box(classroom, teacherTile(classroom), 'the teacher, left');
    const s = await box(classroom, stageTile(classroom), 'the classroom on stage, right');
    expect(t.x + t.width).toBeLessThanOrEqual(s.x + 1);
    expect(Math.abs(t.width - s.width)).toBeLessThan(20);
    expect(t.width).toBeGreaterThan(projector.width * 0.4);
    await keepScreenshots(classroom, 'projector-stage');
  });

  it('a screen share switches every projector to the courseware, the teacher small', async () => {
    await teacher.click('button:has-text("共享课件")');
    await expect
      .poll(
        () =>
          teacher
            .locator('.layout-picker button[data-layout="courseware"]')
            .getAttribute('aria-pressed'),
        { timeout: 20_000 },
      )
      .toBe('true');
    await layoutShown(classroom, 'courseware');
    const c = await box(classroom, screenTile(classroom), 'the courseware, full screen');
    const t = await box(classroom, teacherTile(classroom), 'the teacher, small');
    expect(c.width).toBeGreaterThan(projector.width * 0.9);
    expect(t.width).toBeLessThan(projector.width * 0.3);
    expect(t.width).toBeGreaterThan(projector.width * 0.15);
    // Small in the bottom right corner, inside the courseware's box.
    expect(t.x).toBeGreaterThan(c.x + c.width / 2);
    expect(t.y).toBeGreaterThan(c.y + c.height / 2);
    expect(t.x + t.width).toBeLessThanOrEqual(c.x + c.width + 1);
    expect(await stageTile(classroom).isVisible()).toBe(false);
    await keepScreenshots(classroom, 'projector-courseware');
  });

  it('side by side: the courseware and the teacher', async () => {
    await choose('side_by_side');
    await layoutShown(classroom, 'side_by_side');
    const c = await box(classroom, screenTile(classroom), 'the courseware, left');
    const t = await box(classroom, teacherTile(classroom), 'the teacher, right');
    expect(c.x + c.width).toBeLessThanOrEqual(t.x + 1);
    expect(c.width).toBeGreaterThan(t.width);
    await keepScreenshots(classroom, 'projector-side-by-side');
    await keepScreenshots(teacher, 'teacher-layout-picker');
  });

  it('a classroom that comes back mid-lesson shows the current layout', async () => {
    await classroom.close();
    await choose('courseware');
    classroom = await openClassroom();
    await layoutShown(classroom, 'courseware');
    const c = await box(classroom, screenTile(classroom), 'the courseware after coming back');
    const t = await box(classroom, teacherTile(classroom), 'the teacher after coming back');
    expect(c.width).toBeGreaterThan(projector.width * 0.9);
    expect(t.width).toBeLessThan(projector.width * 0.3);
  });

  it('stopping the share switches back to what was before', async () => {
    await teacher.click('button:has-text("停止共享")');
    await layoutShown(classroom, 'stage');
    await expect
      .poll(
        () =>
          teacher
            .locator('.layout-picker button[data-layout="stage"]')
            .getAttribute('aria-pressed'),
        { timeout: 10_000 },
      )
      .toBe('true');
    await box(classroom, teacherTile(classroom), 'the teacher after the share');
    await box(classroom, stageTile(classroom), 'the classroom on stage after the share');
    expect(await screenTile(classroom).count()).toBe(0);
  });

  it('the teacher mutes the classroom for everyone: its projector says so, large', async () => {
    const tile = teacher.locator('.tile.classroom').filter({ hasText: '潘山分校' });
    // The page closed before it came back is let go when its resume grace runs out.
    await expect.poll(() => tile.count(), { timeout: 40_000 }).toBe(1);
    await tile.locator('button.mute-all').click();
    const panel = classroom.locator('.mic-panel');
    await expect
      .poll(() => panel.getAttribute('data-mic'), { timeout: 15_000 })
      .toBe('teacher_muted');
    const state = panel.locator('.mic-state');
    expect(await state.textContent()).toContain('主讲教师已静音本教室');
    expect(
      await state.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
    ).toBeGreaterThanOrEqual(28);
    await expectClickable(state, 'the muted state on the projector');
    await keepScreenshots(classroom, 'projector-muted-by-teacher');
    // Her 辅导教师 cannot lift it: unmuting from the room is refused, said in Chinese.
    await panel.locator('button.mic').click(); // mute (allowed)
    await expect
      .poll(() => panel.locator('button.mic').isDisabled(), { timeout: 10_000 })
      .toBe(true);
    await tile.locator('button.mute-all').click(); // the teacher allows it
    await expect.poll(() => panel.getAttribute('data-mic'), { timeout: 15_000 }).toBe('self_muted');
    await panel.locator('button.mic').click(); // and now the room unmutes itself
    await expect.poll(() => panel.getAttribute('data-mic'), { timeout: 15_000 }).toBe('open');
  });

  it('push-to-talk: the 辅导教师 holds the big button or Space to speak', async () => {
    await teacher.click('button.push-to-talk');
    const panel = classroom.locator('.mic-panel');
    await expect.poll(() => panel.getAttribute('data-mic'), { timeout: 15_000 }).toBe('hold');
    const talk = panel.locator('button.talk');
    await expectClickable(talk, 'the talk button');
    await classroom.locator('body').click({ position: { x: 5, y: 5 } });
    await classroom.keyboard.down('Space');
    await expect.poll(() => panel.getAttribute('data-mic'), { timeout: 15_000 }).toBe('talking');
    await classroom.keyboard.up('Space');
    await expect.poll(() => panel.getAttribute('data-mic'), { timeout: 15_000 }).toBe('hold');
    await talk.hover();
    await classroom.mouse.down();
    await expect.poll(() => panel.getAttribute('data-mic'), { timeout: 15_000 }).toBe('talking');
    await keepScreenshots(classroom, 'projector-push-to-talk');
    await classroom.mouse.up();
    await expect.poll(() => panel.getAttribute('data-mic'), { timeout: 15_000 }).toBe('hold');
  });
});
