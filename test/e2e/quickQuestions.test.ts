// Quick questions and the shared timer through the built screens: one teacher page, one
// classroom projector in Chromium and two wrtc classrooms in a code room. A question is
// asked from the teacher's screen, answered by two classrooms (one comes back mid-question
// and finds its own answer), its distribution drawn on her screen and, once revealed, on
// the projector — checked as painted, in the viewport and uncovered, with screenshots kept.
// Then a projector whose PC clock is 90 s off shows the timer as the teacher's does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchChromium, type Browser } from '../helpers/chromium';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import { waitUntil } from '../helpers/waitUntil';
import { expectClickable, keepScreenshots } from '../helpers/screen';

const ROOM = 'e2e-questions';
const CODE = 'q1234567';
const q = `room=${ROOM}&code=${CODE}`;
const stateOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __tongke?: { state: string } }).__tongke?.state);

/** What a person sees: a box inside the viewport, and its centre not covered by anything. */
async function expectPainted(el: Locator, what: string): Promise<void> {
  await expectClickable(el, what);
  const box = (await el.boundingBox())!;
  const viewport = el.page().viewportSize()!;
  expect(box.width, `${what}: width`).toBeGreaterThan(20);
  expect(box.height, `${what}: height`).toBeGreaterThan(10);
  expect(box.x, `${what}: in the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what}: in the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: in the viewport`).toBeLessThanOrEqual(viewport.width + 1);
  expect(box.y + box.height, `${what}: in the viewport`).toBeLessThanOrEqual(viewport.height + 1);
}

describe('quick questions and the shared timer on the screens', () => {
  let server: TestServer;
  let browser: Browser;
  let teacher: Page;
  let projector: Page;
  const peers: LivePeer[] = [];
  const wrtcClassroom = async (name: string) => {
    const peer = await livePeer(server.url, {
      roomId: ROOM,
      roomCode: CODE,
      role: 'classroom',
      displayName: name,
    });
    peers.push(peer);
    return peer;
  };
  const openProjector = async (name: string, clockOffsetMs = 0) => {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => console.error(`[projector] ${e.message}`));
    await page.setViewportSize({ width: 1920, height: 1080 });
    if (clockOffsetMs) {
      // This PC's clock is wrong: every Date in the page runs `clockOffsetMs` ahead.
      await page.addInitScript((offset: number) => {
        const Real = Date;
        class Skewed extends Real {
          constructor(...args: unknown[]) {
            if (args.length === 0) super(Real.now() + offset);
            else super(...(args as [number]));
          }
          static override now() {
            return Real.now() + offset;
          }
        }
        (window as unknown as { Date: DateConstructor }).Date = Skewed as DateConstructor;
      }, clockOffsetMs);
    }
    await page.goto(`${server.url}/classroom/?${q}&name=${encodeURIComponent(name)}`, {
      timeout: 120_000,
    });
    await waitUntil(
      () => stateOf(page),
      (s) => s === 'joined',
      {
        timeoutMs: 30_000,
        what: `${name} to join`,
      },
    );
    return page;
  };

  beforeAll(async () => {
    server = await startTongke({ numWorkers: 1 });
    browser = await launchChromium();
    teacher = await browser.newPage(
      `${server.url}/teacher/?${q}&name=${encodeURIComponent('林老师')}&autostart=1`,
    );
    await teacher.setViewportSize({ width: 1366, height: 768 });
    await waitUntil(
      () => stateOf(teacher),
      (s) => s === 'joined',
      {
        timeoutMs: 30_000,
        what: 'the teacher page to join',
      },
    );
    projector = await openProjector('潘山分校 三(1)班');
    await wrtcClassroom('下林小学 三(2)班');
    await wrtcClassroom('高楼小学 三(3)班');
  }, 120_000);

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await browser?.close();
    await server?.close();
  });

  it('the teacher asks; the projector shows the question with large buttons', async () => {
    const panel = teacher.locator('.tools-panel');
    await panel.locator('button[data-kind="single"]').click();
    await panel.locator('input[name="prompt"]').fill('哪个数是质数？');
    await panel.locator('button[data-correct="2"]').click();
    await panel.locator('button[data-action="ask"]').click();
    const card = projector.locator('.question-card');
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 15_000 }).toBe('open');
    await expect.poll(() => card.locator('.prompt').textContent()).toBe('哪个数是质数？');
    const buttons = card.locator('button.choice');
    expect(await buttons.allTextContents()).toEqual(['A', 'B', 'C', 'D']);
    for (const b of await buttons.all()) {
      await expectPainted(b, `the projector's choice ${await b.textContent()}`);
      const box = (await b.boundingBox())!;
      // Touch-sized: a 辅导教师 taps it on the board from arm's length.
      expect(box.height).toBeGreaterThanOrEqual(80);
      expect(box.width).toBeGreaterThanOrEqual(80);
    }
  });

  it('two classrooms answer, one coming back mid-question; the teacher sees how they fall', async () => {
    const [xialin, gaolou] = peers;
    // 下林 drops out and comes back before answering: the question is still open for it.
    await xialin!.stop();
    const back = await wrtcClassroom('下林小学 三(2)班');
    const snap = await back.client.request('questionState', {});
    expect(snap.question?.state).toBe('open');
    await back.client.request('answerQuestion', {
      questionId: snap.question!.questionId,
      answer: { choices: [2] },
    });
    void gaolou;
    // The projector answers B by touch…
    await projector.locator('.question-card button.choice[data-choice="1"]').click();
    await expect
      .poll(() => projector.locator('.question-card .mine').textContent(), { timeout: 10_000 })
      .toBe('本教室的答案：B');
    // …and after its PC reloads (a reconnect) it shows the open question and its answer.
    await projector.reload();
    await waitUntil(
      () => stateOf(projector),
      (s) => s === 'joined',
      { timeoutMs: 30_000 },
    );
    await expect
      .poll(() => projector.locator('.question-card .mine').textContent(), { timeout: 15_000 })
      .toBe('本教室的答案：B');
    expect(await projector.locator('.question-card').getAttribute('data-state')).toBe('open');

    const live = teacher.locator('.tools-panel .question-live');
    const bar = (i: number) => live.locator(`[data-bar="choice-${i}"]`);
    await expect.poll(() => bar(1).getAttribute('data-value'), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => bar(2).getAttribute('data-value')).toBe('1');
    expect(await bar(0).getAttribute('data-value')).toBe('0');
    expect(await live.locator('.dist-summary').textContent()).toBe('2 / 3 个教室已作答，1 个答对');
    expect(await live.locator('table.answers tr').count()).toBe(2);
    await expectPainted(live.locator('.distribution'), "the teacher's distribution chart");
    const fill = bar(2).locator('.fill');
    expect((await fill.boundingBox())!.width).toBeGreaterThan(20);
    await keepScreenshots(teacher, 'questions-teacher');
  });

  it('revealed, the projector shows the right answer and the distribution', async () => {
    await teacher.locator('.tools-panel button[data-action="reveal"]').click();
    const reveal = projector.locator('.question-card .reveal');
    await expect.poll(() => reveal.count(), { timeout: 10_000 }).toBe(1);
    expect(await reveal.locator('.correct').textContent()).toBe('正确答案：C');
    expect(await projector.locator('.question-card').getAttribute('data-state')).toBe('revealed');
    const right = reveal.locator('.bar-row.right');
    expect(await right.getAttribute('data-bar')).toBe('choice-2');
    await expectPainted(reveal.locator('.distribution'), "the projector's distribution");
    await expectPainted(right.locator('.fill'), "the projector's bar of the right answer");
    // Closed now: the buttons are gone, a late answer is refused.
    expect(await projector.locator('.question-card button.choice').count()).toBe(0);
    await keepScreenshots(projector, 'questions-projector-revealed');
  });

  it('a projector whose clock is 90 s off shows the teacher’s countdown to within 0.2 s', async () => {
    const skewed = await openProjector('宁益小学 三(4)班', 90_000);
    const pageClock = await skewed.evaluate(() => Date.now());
    expect(Math.abs(pageClock - Date.now() - 90_000)).toBeLessThan(2000);
    await teacher.locator('.tools-panel input[name="timer-minutes"]').fill('3');
    await teacher.locator('.tools-panel button[data-action="countdown"]').click();
    const timerMs = (page: Page) =>
      page.evaluate(
        () =>
          (
            window as unknown as { __tongkeTools?: { timerMs(): number | null } }
          ).__tongkeTools?.timerMs() ?? null,
      );
    // Both screens hear of it by the same broadcast, each when its page gets to it: the
    // teacher's, busy decoding every classroom, can be the later one.
    for (const page of [skewed, teacher]) {
      await expect.poll(() => timerMs(page), { timeout: 10_000 }).not.toBeNull();
    }
    // Each page says what it shows and when, by its real time origin (the Date override
    // does not touch performance.timeOrigin, and both pages run on this one machine): the
    // values are compared at one instant, whatever the reads themselves took.
    const sample = async (page: Page) => {
      const read = await page.evaluate(() => ({
        ms: (
          window as unknown as { __tongkeTools: { timerMs(): number | null } }
        ).__tongkeTools.timerMs(),
        at: performance.timeOrigin + performance.now(),
      }));
      // null would count as 0 in the sums below and read as a 3-minute gap
      expect(read.ms, 'a screen lost its timer').not.toBeNull();
      return { ms: read.ms!, at: read.at };
    };
    // Each screen keeps the calmest of its round trips: on a loaded machine the first few
    // can be long and lopsided, the next resync (every 15 s) brings a better one.
    const rtt = (page: Page) =>
      page.evaluate(
        () =>
          (
            window as unknown as { __tongkeTools: { clockRtt(): number | undefined } }
          ).__tongkeTools.clockRtt() ?? Infinity,
      );
    for (const page of [teacher, skewed]) {
      await expect.poll(() => rtt(page), { timeout: 40_000, interval: 1000 }).toBeLessThan(120);
    }
    const { timer } = await peers[1]!.client.request('questionState', {});
    const endsAt = timer!.startedAt + timer!.durationMs!;
    const gaps: number[] = [];
    const offServer: number[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await sample(teacher);
      const b = await sample(skewed);
      // A countdown: shown at `at`, it ends at `ms + at` by each page's reckoning.
      gaps.push(a.ms + a.at - (b.ms + b.at));
      // The server's clock is this process's Date.now(): when the countdown really ends.
      offServer.push(b.ms + b.at - endsAt, a.ms + a.at - endsAt);
      await new Promise((r) => setTimeout(r, 300));
    }
    for (const gap of gaps) expect(Math.abs(gap), `gaps ${gaps.join(', ')} ms`).toBeLessThan(200);
    for (const off of offServer) {
      expect(Math.abs(off), `off the server clock ${offServer.join(', ')} ms`).toBeLessThan(100);
    }
    const remaining = (await timerMs(skewed))!;
    expect(remaining).toBeGreaterThan(170_000);
    expect(remaining).toBeLessThanOrEqual(180_000);
    const digits = skewed.locator('.shared-timer .digits');
    await expectPainted(skewed.locator('.shared-timer'), "the projector's timer");
    expect(await digits.textContent()).toMatch(/^0[23]:[0-5]\d$/);
    expect(
      Math.abs(
        Number((await digits.textContent())!.split(':')[1]) -
          Number((await teacher.locator('.shared-timer .digits').textContent())!.split(':')[1]),
      ) % 59,
    ).toBeLessThanOrEqual(1);
    await keepScreenshots(skewed, 'questions-projector-timer');
    // Stopped, it holds; a reload (reconnect) finds it where it stopped.
    await teacher.locator('.tools-panel button[data-action="stop-timer"]').click();
    await expect
      .poll(() => skewed.locator('.shared-timer.stopped').count(), { timeout: 10_000 })
      .toBe(1);
    const held = await timerMs(skewed);
    await skewed.reload();
    await waitUntil(
      () => stateOf(skewed),
      (s) => s === 'joined',
      { timeoutMs: 30_000 },
    );
    await expect.poll(() => timerMs(skewed), { timeout: 10_000 }).toBe(held);
  });
});
