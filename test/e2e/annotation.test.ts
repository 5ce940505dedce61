// 批注 in Chromium, through the built screens and the real server: the teacher shares a 4:3
// courseware (a canvas, as getDisplayMedia would give it) and draws on it with the mouse; a
// classroom projector (1920×1080) and the 巡课 view (1600×900) — each letterboxing the
// picture differently — show the strokes at the same place of the picture, as painted
// pixels, not only in the DOM; a classroom that reloads gets them back; a whiteboard page is
// blank and its own; going back brings the first page's strokes; clear takes them away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromiumProfiles, type Profiles } from '../helpers/chromium';
import { join } from 'node:path';
import { keepScreenshots, screenshotDir, waitShown } from '../helpers/screen';
import { anyNear, decodePng, type Rgb } from '../helpers/pixels';
import { at, draw, fakeScreenShare, seen } from '../helpers/annotationScreen';
import { waitUntil } from '../helpers/waitUntil';
import { MIN, occurrence } from '../unit/lessons/support/occurrences';
import {
  PASSWORD,
  startLessonServer,
  type LessonServer,
} from '../integration/lessons/support/lessonServer';

const o = occurrence();
const red = ({ r, g, b }: Rgb) => r > 170 && g < 110 && b < 110;

const screenTile = '.tile[data-source="screen"]';

describe('annotation on the courseware in Chromium', () => {
  let s: LessonServer;
  let profiles: Profiles;
  let teacher: Page;
  let classroom: Page;
  let observer: Page;
  const views = () => [
    { page: classroom, name: 'classroom 1920×1080', tile: `.screens ${screenTile}` },
    { page: observer, name: '巡课 1600×900', tile: `.teacher ${screenTile}` },
  ];

  beforeAll(async () => {
    s = await startLessonServer();
    await s.clock.advanceTo(Date.parse(o.start) + MIN); // live
    profiles = await launchChromiumProfiles();

    teacher = await profiles.newPage(`${s.url}/teacher/`, { width: 1366, height: 768 });
    teacher.on('dialog', (d) => void d.accept());
    await teacher.fill('input[name=login]', 'wang');
    await teacher.fill('input[name=password]', PASSWORD);
    await teacher.click('form.login button[type=submit]');
    await teacher.locator(`li[data-occurrence="${o.occurrenceId}"] button`).click();
    await teacher.locator('button[data-action="start"]').click();
    await waitUntil(
      () =>
        teacher.evaluate(
          () => (window as never as { __tongke?: { state: string } }).__tongke?.state,
        ),
      (state) => state === 'joined',
      { timeoutMs: 30_000, what: 'the teacher page to join' },
    );
    await fakeScreenShare(teacher);
    await teacher.locator('button:has-text("共享课件")').click();

    classroom = await profiles.newPage(`${s.url}/classroom/`, { width: 1920, height: 1080 });
    const token = await s.deviceToken('room-gaolou-1');
    await classroom.evaluate((t) => {
      localStorage.setItem(
        'tongke.classroom',
        JSON.stringify({
          mode: 'device',
          token: t,
          classroomId: 'room-gaolou-1',
          displayName: '高楼镇中心小学 三(1)班',
        }),
      );
    }, token);
    await classroom.reload();

    observer = await profiles.newPage(`${s.url}/observe/`, { width: 1600, height: 900 });
    await observer.fill('input[name=login]', 'observer');
    await observer.fill('input[name=password]', PASSWORD);
    await observer.click('form.login button[type=submit]');
    await observer.locator(`li[data-occurrence="${o.occurrenceId}"] button`).click();
  }, 300_000);

  afterAll(async () => {
    await profiles?.close();
    await s?.close();
  });

  it('shows the shared courseware on the teacher’s surface, the projector and 巡课', async () => {
    await waitShown(teacher.locator('.annotate .surface video'), 'teacher: her courseware', 45_000);
    for (const v of views()) {
      await waitShown(v.page.locator(`${v.tile} video`), `${v.name}: the courseware`, 45_000);
    }
  }, 180_000);

  it('draws the teacher’s stroke at the same place of the picture on every screen', async () => {
    const path: [number, number][] = [
      [0.2, 0.3],
      [0.6, 0.3],
      [0.6, 0.7],
    ];
    // The projector notes when the stroke first appears (same machine, same clock).
    await classroom.evaluate(() => {
      const w = window as never as { __strokeAt?: number };
      const watch = new MutationObserver(() => {
        if (document.querySelector('.screens svg[data-annotation] path[data-stroke]'))
          w.__strokeAt ??= Date.now();
      });
      watch.observe(document.body, { childList: true, subtree: true });
    });
    // The pen goes down in the teacher's page: her own clock, as the projector's.
    await teacher.evaluate(() => {
      const w = window as never as { __downAt?: number };
      const svg = document.querySelector('.annotate .surface svg[data-annotation]')!;
      svg.addEventListener('pointerdown', () => (w.__downAt = Date.now()), { once: true });
    });
    await draw(teacher, path);
    const downAt = await teacher.evaluate(() => (window as never as { __downAt: number }).__downAt);
    for (const v of views()) {
      await expect
        .poll(async () => (await seen(v.page, v.tile))?.strokes[0]?.points.length ?? 0, {
          timeout: 10_000,
        })
        .toBeGreaterThan(10);
    }
    const firstSeen = await classroom.evaluate(
      () => (window as never as { __strokeAt: number }).__strokeAt,
    );
    console.log(
      `annotation: the stroke began on the projector ${firstSeen - downAt} ms after the pen went down`,
    );
    expect(firstSeen - downAt).toBeLessThan(1000);

    await checkEverywhere(path);
  }, 120_000);

  /** On each screen: the stroke's ends and corner where the picture says, and red there. */
  async function checkEverywhere(path: [number, number][]) {
    for (const v of views()) {
      await expect
        .poll(
          async () => {
            const shown = await seen(v.page, v.tile);
            const pts = shown?.strokes[0]?.points ?? [];
            return pts.length ? pts[pts.length - 1] : undefined;
          },
          { timeout: 10_000 },
        )
        .toBeDefined();
      const shown = (await seen(v.page, v.tile))!;
      expect(shown.strokes, v.name).toHaveLength(1);
      const pts = shown.strokes[0]!.points;
      const tolerance = 0.006 * shown.box.width + 2; // a few px: the mouse lands on whole px
      const close = (p: [number, number], q: [number, number], what: string) => {
        expect(Math.abs(p[0] - q[0]), `${v.name}: ${what} x`).toBeLessThan(tolerance);
        expect(Math.abs(p[1] - q[1]), `${v.name}: ${what} y`).toBeLessThan(tolerance);
      };
      close(pts[0]!, at(shown, ...path[0]!), 'start');
      close(pts[pts.length - 1]!, at(shown, ...path[path.length - 1]!), 'end');
      // the corner is one of the points
      const corner = at(shown, ...path[1]!);
      const nearest = Math.min(...pts.map((p) => Math.hypot(p[0] - corner[0], p[1] - corner[1])));
      expect(nearest, `${v.name}: corner`).toBeLessThan(tolerance);
      // Painted: red pixels on the stroke, none in the picture away from it.
      const pic = await decodePng(await v.page.screenshot());
      for (const [fx, fy] of [
        [0.4, 0.3],
        [0.6, 0.5],
      ] as const) {
        const [x, y] = at(shown, fx, fy);
        expect(anyNear(pic, x, y, 3, red), `${v.name}: red at (${fx}, ${fy})`).toBe(true);
      }
      const [ex, ey] = at(shown, 0.3, 0.6);
      expect(anyNear(pic, ex, ey, 3, red), `${v.name}: no red off the stroke`).toBe(false);
    }
  }

  it('keeps the stroke in place at another window size, and after a projector reload', async () => {
    await keepScreenshots(teacher, 'annotation-teacher');
    await keepScreenshots(classroom, 'annotation-classroom');
    await keepScreenshots(observer, 'annotation-observe');
    await classroom.setViewportSize({ width: 1366, height: 768 });
    await new Promise((r) => setTimeout(r, 800));
    const path: [number, number][] = [
      [0.2, 0.3],
      [0.6, 0.3],
      [0.6, 0.7],
    ];
    await checkEverywhere(path);
    await classroom.setViewportSize({ width: 1920, height: 1080 });
    await classroom.reload();
    await waitShown(
      classroom.locator(`.screens ${screenTile} video`),
      'classroom after reload',
      45_000,
    );
    await checkEverywhere(path);
  }, 240_000);

  it('opens a blank whiteboard page of its own, and goes back to the courseware’s strokes', async () => {
    await teacher.locator('button[data-action="whiteboard"]').click();
    const sheet = (p: Page, tile: string) =>
      p.locator(`${tile} .annotation-sheet`).evaluate((el) => !(el as HTMLElement).hidden);
    for (const v of views()) {
      await expect.poll(() => sheet(v.page, v.tile), { timeout: 10_000 }).toBe(true);
      await expect
        .poll(async () => (await seen(v.page, v.tile))?.strokes.length, { timeout: 10_000 })
        .toBe(0);
    }
    await draw(teacher, [
      [0.1, 0.8],
      [0.9, 0.8],
    ]);
    for (const v of views()) {
      await expect
        .poll(async () => (await seen(v.page, v.tile))?.strokes[0]?.points.length ?? 0, {
          timeout: 10_000,
        })
        .toBeGreaterThan(5);
      const shown = (await seen(v.page, v.tile))!;
      const pts = shown.strokes[0]!.points;
      const [sx, sy] = at(shown, 0.1, 0.8);
      expect(
        Math.abs(pts[0]![0] - sx) + Math.abs(pts[0]![1] - sy),
        `${v.name}: whiteboard start`,
      ).toBeLessThan(0.01 * shown.box.width + 4);
      const pic = await decodePng(await v.page.screenshot());
      expect(anyNear(pic, ...at(shown, 0.5, 0.8), 3, red), `${v.name}: red on the whiteboard`).toBe(
        true,
      );
      // the sheet is white where nothing is drawn
      const { r, g, b } = pic.at(...at(shown, 0.5, 0.3));
      expect(Math.min(r, g, b), `${v.name}: the whiteboard is white`).toBeGreaterThan(240);
    }
    await keepScreenshots(classroom, 'annotation-whiteboard-classroom');
    await teacher.locator('button[data-action="prev"]').click();
    for (const v of views()) {
      await expect.poll(() => sheet(v.page, v.tile), { timeout: 10_000 }).toBe(false);
    }
    await checkEverywhere([
      [0.2, 0.3],
      [0.6, 0.3],
      [0.6, 0.7],
    ]);
  }, 240_000);

  it('draws an arrow and a highlight, and the eraser takes the arrow away everywhere', async () => {
    const tools = (p: Page, tile: string) =>
      p.evaluate(
        (sel) =>
          [...document.querySelectorAll<SVGPathElement>(`${sel} svg[data-annotation] path`)].map(
            (el) => el.dataset.tool,
          ),
        tile,
      );
    await teacher.locator('button[data-tool="arrow"]').click();
    await draw(teacher, [
      [0.1, 0.1],
      [0.4, 0.1],
    ]);
    await teacher.locator('button[data-tool="highlighter"]').click();
    await draw(teacher, [
      [0.1, 0.5],
      [0.3, 0.5],
    ]);
    for (const v of views()) {
      await expect
        .poll(() => tools(v.page, v.tile), { timeout: 10_000 })
        .toEqual(['pen', 'arrow', 'highlighter']);
      const shown = (await seen(v.page, v.tile))!;
      const arrow = shown.strokes[1]!.points;
      const [tx, ty] = at(shown, 0.4, 0.1);
      // the arrow's shaft ends at its tip, where the pointer was let go
      expect(Math.hypot(arrow[1]![0] - tx, arrow[1]![1] - ty), `${v.name}: arrow tip`).toBeLessThan(
        0.01 * shown.box.width + 4,
      );
    }
    await keepScreenshots(classroom, 'annotation-tools-classroom');
    await teacher.locator('button[data-tool="eraser"]').click();
    await draw(teacher, [
      [0.25, 0.05],
      [0.25, 0.15],
    ]);
    for (const v of views()) {
      await expect
        .poll(() => tools(v.page, v.tile), { timeout: 10_000 })
        .toEqual(['pen', 'highlighter']);
    }
    await teacher.locator('button[data-tool="pen"]').click();
  }, 180_000);

  it('clears the page: the strokes are gone from every screen', async () => {
    await teacher.locator('button[data-action="clear"]').click();
    for (const v of views()) {
      await expect
        .poll(async () => (await seen(v.page, v.tile))?.strokes.length, { timeout: 10_000 })
        .toBe(0);
      const shown = (await seen(v.page, v.tile))!;
      const pic = await decodePng(await v.page.screenshot());
      expect(anyNear(pic, ...at(shown, 0.4, 0.3), 3, red), `${v.name}: no red after clear`).toBe(
        false,
      );
    }
    await keepScreenshots(classroom, 'annotation-cleared-classroom');
  }, 120_000);

  it('shows a whiteboard page on a tile of its own when no screen is shared', async () => {
    // The teacher stops sharing, as the browser's "stop sharing" bar does.
    await teacher.evaluate(() => {
      const [track] = (window as never as { __screen: MediaStream }).__screen.getVideoTracks();
      track!.stop();
      track!.dispatchEvent(new Event('ended'));
    });
    for (const v of views()) {
      await expect.poll(() => v.page.locator(v.tile).count(), { timeout: 15_000 }).toBe(0);
    }
    await teacher.locator('button[data-action="whiteboard"]').click();
    const boards = [
      {
        page: classroom,
        name: 'classroom 1920×1080',
        tile: '.screens .tile[data-source="whiteboard"]',
      },
      { page: observer, name: '巡课 1600×900', tile: '.teacher .tile[data-source="whiteboard"]' },
    ];
    for (const v of boards) {
      await expect
        .poll(() => v.page.locator(`${v.tile} .annotation-sheet`).isVisible(), { timeout: 10_000 })
        .toBe(true);
    }
    await draw(teacher, [
      [0.3, 0.2],
      [0.7, 0.6],
    ]);
    for (const v of boards) {
      // The stroke whole (its last point where the pointer was let go), painted red there.
      const check = async () => {
        const shown = await seen(v.page, v.tile);
        const pts = shown?.strokes[0]?.points ?? [];
        if (!shown || pts.length < 5) return 'no stroke yet';
        const [ex, ey] = at(shown, 0.7, 0.6);
        const last = pts[pts.length - 1]!;
        if (Math.hypot(last[0] - ex, last[1] - ey) > 0.01 * shown.box.width + 4)
          return 'not at its end';
        const png = await v.page.screenshot({
          path: join(screenshotDir, `annotation-whiteboard-alone-${v.name.split(' ')[0]}.png`),
        });
        const pic = await decodePng(png);
        return anyNear(pic, ...at(shown, 0.5, 0.4), 3, red) ? 'red on the stroke' : 'not painted';
      };
      await expect.poll(check, { timeout: 15_000, message: v.name }).toBe('red on the stroke');
      const sheet = await v.page.locator(`${v.tile} .annotation-sheet`).boundingBox();
      // 16:9 on every screen, and as big as the courseware would be (巡课: half the teacher row).
      expect(sheet!.width / sheet!.height, `${v.name}: 16:9`).toBeCloseTo(16 / 9, 1);
      expect(sheet!.width, `${v.name}: large`).toBeGreaterThan(v.page.viewportSize()!.width * 0.3);
    }
    await keepScreenshots(classroom, 'annotation-whiteboard-alone-classroom');
    await keepScreenshots(observer, 'annotation-whiteboard-alone-observe');
  }, 180_000);
});
