// The teacher attaches a learning guide from her screen and pushes it to every projector:
// it opens inside the classroom's lesson view (in the viewport, not covered, the teacher
// still beside it), a classroom that reconnects gets it again, and the 辅导教师 can close
// it. The classroom's second PC (辅助屏) stays in beside the first and sends nothing.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchChromiumProfiles, type Profiles } from '../helpers/chromium';
import { expectClickable, keepScreenshots, waitShown } from '../helpers/screen';
import { MIN, occurrence } from '../unit/lessons/support/occurrences';
import {
  PASSWORD,
  startLessonServer,
  type LessonServer,
} from '../integration/lessons/support/lessonServer';

const o = occurrence();
const start = Date.parse(o.start);

type PageState = { __tongke: { state: string } };
const stateOf = (page: Page) =>
  page.evaluate(() => (window as unknown as PageState).__tongke.state);

/** A classroom PC whose enrolment (device token) is already saved, as after the code form. */
async function classroomPc(profiles: Profiles, url: string, token: string): Promise<Page> {
  const page = await profiles.newPage(`${url}/classroom/`, { width: 1920, height: 1080 });
  await page.evaluate((t) => {
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
  await page.reload();
  return page;
}

/** Shown as a person sees it: a box inside the viewport, its centre hits it, decoded. */
async function expectMaterialShown(image: Locator, what: string): Promise<void> {
  await image.waitFor({ state: 'visible', timeout: 20_000 });
  const viewport = image.page().viewportSize()!;
  const box = (await image.boundingBox())!;
  expect(box.width, `${what}: width`).toBeGreaterThan(viewport.width / 3);
  expect(box.height, `${what}: height`).toBeGreaterThan(viewport.height / 3);
  expect(box.x, `${what}: in the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${what}: in the viewport`).toBeLessThanOrEqual(viewport.height + 1);
  const seen = await image.evaluate((el) => {
    const img = el as HTMLImageElement;
    const r = img.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
      covered: hit === img ? undefined : String(hit?.className || hit?.tagName),
      decoded: img.complete && img.naturalWidth > 0,
      src: img.src,
    };
  });
  expect(seen.covered, `${what}: covered by`).toBeUndefined();
  expect(seen.decoded, `${what}: decoded`).toBe(true);
  // Fetched with the PC's own token: the page holds no public address of the file.
  expect(seen.src.startsWith('blob:'), `${what}: a blob, not a file URL`).toBe(true);
}

/** A one-page PDF saying `text` (Helvetica), with a correct cross-reference table. */
function onePagePdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const stream = `BT /F1 48 Tf 80 400 Td (${text}) Tj ET`;
      return `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

describe('material pushed to the projectors', () => {
  let s: LessonServer;
  let profiles: Profiles;
  let teacher: Page;
  let first: Page;
  let second: Page;
  let dir: string;
  let png: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tongke-material-'));
    // A real picture of a learning guide's page (ffmpeg's test card, 1280×720).
    const file = join(dir, 'guide.png');
    execFileSync(
      'ffmpeg',
      ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=1280x720'].concat([
        '-frames:v',
        '1',
        file,
      ]),
    );
    png = await readFile(file);
    s = await startLessonServer();
    await s.clock.advanceTo(start - 4 * MIN); // the room is open
    profiles = await launchChromiumProfiles();
  });

  afterAll(async () => {
    await profiles?.close();
    await s?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the teacher starts her lesson', async () => {
    teacher = await profiles.newPage(`${s.url}/teacher/`);
    teacher.on('dialog', (dialog) => void dialog.accept());
    await teacher.fill('input[name=login]', 'wang');
    await teacher.fill('input[name=password]', PASSWORD);
    await teacher.click('form.login button[type=submit]');
    await teacher.locator(`li[data-occurrence="${o.occurrenceId}"] button`).click();
    await teacher.locator('button[data-action="start"]').click();
    await expect.poll(() => stateOf(teacher), { timeout: 60_000 }).toBe('joined');
  });

  it('two PCs of one classroom come in', async () => {
    first = await classroomPc(profiles, s.url, await s.deviceToken('room-gaolou-1'));
    await waitShown(
      first.locator('.screens .tile[data-source="camera"] video').first(),
      'the first PC: the teacher',
      50_000,
    );
    // The same classroom's second PC, enrolled with a code of its own.
    second = await classroomPc(profiles, s.url, await s.deviceToken('room-gaolou-1'));
    await expect
      .poll(() => second.locator('.second-screen-note').textContent(), { timeout: 40_000 })
      .toContain('本机为辅助屏');
    await waitShown(
      second.locator('.screens .tile[data-source="camera"] video').first(),
      'the second PC: the teacher',
      40_000,
    );
  });

  it('both PCs stay in; only the first sends, and the teacher sees one classroom', async () => {
    await new Promise((r) => setTimeout(r, 3000));
    expect(await stateOf(first)).toBe('joined');
    expect(await stateOf(second)).toBe('joined');
    const room = s.tongke.rooms.get(o.occurrenceId)!;
    const pcs = [...room.participants.values()].filter(
      (p) => p.principal?.classroomId === 'room-gaolou-1',
    );
    expect(pcs.map((p) => p.role).sort()).toEqual(['classroom', 'viewer']);
    const sender = pcs.find((p) => p.role === 'classroom')!;
    const viewer = pcs.find((p) => p.role === 'viewer')!;
    await expect.poll(() => sender.sources.sort(), { timeout: 20_000 }).toEqual(['camera', 'mic']);
    expect(viewer.sources).toEqual([]);
    // The second PC's own camera and microphone are closed again.
    const live = await second.evaluate(
      () =>
        [...document.querySelectorAll('.bar video')]
          .flatMap((v) => (v as HTMLVideoElement).srcObject as MediaStream | null)
          .flatMap((m) => m?.getTracks() ?? [])
          .filter((t) => t.readyState === 'live').length,
    );
    expect(live).toBe(0);
    // One tile on her wall for the classroom, whatever screens it has.
    await expect
      .poll(() =>
        teacher.evaluate(
          () => (window as unknown as { __tongke: { classrooms: number } }).__tongke.classrooms,
        ),
      )
      .toBe(1);
    await keepScreenshots(second, 'classroom-second-screen');
  });

  it('the teacher attaches a guide from her screen and pushes it', async () => {
    const panel = teacher.locator('.material-panel');
    await panel.locator('select[name=kind]').selectOption('guide');
    await panel
      .locator('input[type=file]')
      .setInputFiles({ name: '分数的初步认识 导学单.png', mimeType: 'image/png', buffer: png });
    await panel.locator('button[type=submit]').click();
    const push = panel.locator('button[data-action="push-material"]');
    await push.waitFor({ timeout: 15_000 });
    await expectClickable(push, 'the push button');
    await push.click();
    await expect
      .poll(() => panel.locator('.material-pushed').textContent(), { timeout: 10_000 })
      .toContain('分数的初步认识');
    await keepScreenshots(teacher, 'teacher-material-pushed');
  });

  it('it opens inside the projector page, with the teacher still shown beside it', async () => {
    await expectMaterialShown(first.locator('.material-viewer img'), 'the first PC: the guide');
    await waitShown(
      first.locator('.screens .tile[data-source="camera"] video').first(),
      'the first PC: the teacher beside the guide',
    );
    await expectMaterialShown(second.locator('.material-viewer img'), 'the second PC: the guide');
    expect(await first.locator('.material-viewer .material-title').textContent()).toContain(
      '课堂导学单',
    );
    await keepScreenshots(first, 'classroom-material');
    // Its file is nobody's without a token.
    const id = await first.locator('.material-viewer').getAttribute('data-material');
    expect((await fetch(`${s.url}/api/materials/${id}/file`)).status).toBe(401);
  });

  it('a PC that reconnects opens what is pushed now', async () => {
    // Meanwhile the teacher attached the exercise sheet (课堂练习) as a PDF.
    const form = new FormData();
    form.set('kind', 'exercise');
    form.set(
      'file',
      new Blob([onePagePdf('Exercise 3: 1/2 + 1/4 = ?').toString('latin1')], {
        type: 'application/pdf',
      }),
      'exercise.pdf',
    );
    const upload = await s.api(`/api/lessons/${encodeURIComponent(o.occurrenceId)}/materials`, {
      method: 'POST',
      token: s.tokens.wang,
      body: form,
    });
    expect(upload.status).toBe(201);
    await first.reload();
    await expect.poll(() => stateOf(first), { timeout: 60_000 }).toBe('joined');
    await expectMaterialShown(first.locator('.material-viewer img'), 'after a reload: the guide');
  });

  it('the 辅导教师 closes it; the teacher takes it off the other screen', async () => {
    const close = first.locator('button[data-action="close-material"]');
    await expectClickable(close, 'the close button');
    await close.click();
    await expect.poll(() => first.locator('.material-viewer').isHidden()).toBe(true);
    await waitShown(
      first.locator('.screens .tile[data-source="camera"] video').first(),
      'the teacher, large again',
    );
    await teacher.locator('button[data-action="unpush-material"]').click();
    await expect
      .poll(() => second.locator('.material-viewer').isHidden(), { timeout: 10_000 })
      .toBe(true);
  });

  it("the 辅导教师's controls are all on the projector and work", async () => {
    const bar = first.locator('.bar');
    const mic = bar.locator('button.mic');
    await expectClickable(mic, 'mute');
    // The room's mute goes through the server (it holds the microphones' state).
    await mic.click();
    await expect.poll(() => mic.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => bar.locator('.mic-state').textContent()).toContain('已静音');
    await mic.click();
    await expect.poll(() => mic.getAttribute('aria-pressed')).toBe('false');
    const hand = bar.locator('button.hand-up');
    await expectClickable(hand, 'raise hand');
    await hand.click();
    await expect
      .poll(() => teacher.locator('.wall .tile.hand-raised').count(), { timeout: 10_000 })
      .toBe(1);
    const chat = bar.locator('.chat-form input[name=chat]');
    await expectClickable(chat, 'the chat');
    await chat.fill('第三题我们有疑问');
    await bar.locator('.chat-form button[type=submit]').click();
    await expect
      .poll(() => teacher.locator('.side .chat').textContent(), { timeout: 10_000 })
      .toContain('第三题我们有疑问');
    // She opens the lesson's material herself, inside the page.
    const list = bar.locator('.materials-box');
    await list.locator('summary').click();
    const item = list.locator('li button', { hasText: '导学单.png' });
    await expectClickable(item, 'a material');
    await item.click();
    await expectMaterialShown(first.locator('.material-viewer img'), 'opened by hand: the guide');
    // A PDF opens in the browser's own viewer, inside the page.
    await list.locator('li button', { hasText: 'exercise.pdf' }).click();
    const pdf = first.locator('.material-viewer iframe');
    await pdf.waitFor({ state: 'visible', timeout: 20_000 });
    const box = (await pdf.boundingBox())!;
    expect(box.width * box.height).toBeGreaterThan((1920 * 1080) / 4);
    const covered = await pdf.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return hit === el ? undefined : String(hit?.tagName);
    });
    expect(covered, 'the PDF: covered by').toBeUndefined();
    expect(await pdf.getAttribute('src')).toMatch(/^blob:/);
    await new Promise((r) => setTimeout(r, 2000)); // the PDF viewer draws the page
    await keepScreenshots(first, 'classroom-material-pdf');
    await first.locator('button[data-action="close-material"]').click();
  });

  it('after the lesson the PC offers the research room, and it opens', async () => {
    await teacher.click('button:has-text("下课 End lesson")');
    const link = first.locator('a[data-action="research"]');
    await link.waitFor({ timeout: 40_000 });
    await expectClickable(link, 'go to the research room');
    await keepScreenshots(first, 'classroom-after-lesson');
    await link.click();
    await expect
      .poll(() => first.locator('h1').first().textContent(), { timeout: 30_000 })
      .toContain('同步教学研讨');
    // The PC's token went along in this tab only, not in the address.
    expect(first.url()).not.toContain('token');
    await expectClickable(first.locator('a.back-to-classroom'), 'back to the classroom');
  });
});
