// An unattended classroom PC in Chromium: enrolled once with the coordinator's code, it
// then joins its lesson by itself when the lesson opens, shows the teacher, and leaves
// when the lesson ends. Nobody clicks anything after the code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from '../helpers/chromium';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import { keepScreenshots, waitShown } from '../helpers/screen';
import { MIN, occurrence } from '../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../integration/lessons/support/lessonServer';

const o = occurrence();
const start = Date.parse(o.start);
const end = Date.parse(o.end);

interface PageDebug {
  __tongke: { state: string; tiles(): { source: string; width: number; frames: number }[] };
}

describe('an enrolled classroom PC follows its timetable', () => {
  let s: LessonServer;
  let browser: Browser;
  let page: Page;
  let teacher: LivePeer | undefined;

  beforeAll(async () => {
    s = await startLessonServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await teacher?.stop();
    await browser?.close();
    await s?.close();
  });

  it('enrols with a one-time code and waits for its lesson', async () => {
    const res = await s.api('/api/devices/enrolments', {
      method: 'POST',
      token: s.tokens.coordinator,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ communityId: 'ruian-p-18', classroomId: 'room-gaolou-1' }),
    });
    expect(res.status).toBe(201);
    const { code } = (await res.json()) as { code: string };

    page = await browser.newPage(`${s.url}/classroom/`);
    await page.fill('input[name=code]', code);
    await page.click('form[data-form=enrol] button[type=submit]');
    // 08:00, the lesson is at 09:00: the PC shows what comes next.
    await expect.poll(() => page.textContent('.waiting'), { timeout: 15_000 }).toContain('数学');
  });

  it('joins by itself when the lesson opens and shows the teacher', async () => {
    await s.clock.advanceTo(start - 4 * MIN);
    // The teacher attached the learning guide (导学单) to this lesson.
    const form = new FormData();
    form.set('kind', 'guide');
    form.set('file', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), '分数的初步认识.pdf');
    const upload = await s.api(`/api/lessons/${encodeURIComponent(o.occurrenceId)}/materials`, {
      method: 'POST',
      token: s.tokens.wang,
      body: form,
    });
    expect(upload.status).toBe(201);
    teacher = await livePeer(
      s.url,
      { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    const camera = () =>
      page.evaluate(() =>
        (window as unknown as PageDebug).__tongke.tiles().find((t) => t.source === 'camera'),
      );
    // The PC asks for its schedule every few seconds; give it a few rounds.
    await expect
      .poll(async () => (await camera())?.width ?? 0, { timeout: 40_000 })
      .toBeGreaterThan(0);
    const before = (await camera())!.frames;
    await expect
      .poll(async () => (await camera())!.frames, { timeout: 10_000 })
      .toBeGreaterThan(before + 10);
    await waitShown(
      page.locator('.screens .tile[data-source="camera"] video').first(),
      'the PC: the teacher',
    );
    await keepScreenshots(page, 'classroom-device');
    // The member teacher can open the lesson's material on the classroom PC.
    await expect
      .poll(() => page.locator('.materials-box').textContent(), { timeout: 10_000 })
      .toContain('分数的初步认识.pdf');
    const classroom = await teacher.waitForTrack(
      teacher.client.peers.find((p) => p.role === 'classroom')!.peerId,
      'camera',
    );
    await classroom.video!.waitFor(5);
  });

  it('leaves when the lesson ends, and its camera goes off', async () => {
    await s.clock.advanceTo(end + 1);
    await expect.poll(() => page.textContent('.waiting'), { timeout: 15_000 }).toContain('已结束');
    const liveTracks = await page.evaluate(
      () =>
        [...document.querySelectorAll('video')]
          .flatMap((v) => (v.srcObject as MediaStream | null)?.getTracks() ?? [])
          .filter((t) => t.readyState === 'live').length,
    );
    expect(liveTracks).toBe(0);
  });
});
