// A teacher in Debian's Chromium waits for her lesson to end, is taken into the research
// room by the page itself, and writes minutes that are then found in the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from '../helpers/chromium';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import { MinutesService } from '../../server/research/MinutesService';
import { minutesSections } from '../../shared/research';
import { MIN, occurrence } from '../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../integration/lessons/support/lessonServer';

const o = occurrence();
const start = Date.parse(o.start);
const end = Date.parse(o.end);

describe('research room in Chromium', () => {
  let s: LessonServer;
  let browser: Browser;
  let colleague: LivePeer | undefined;

  beforeAll(async () => {
    s = await startLessonServer();
    await s.clock.advanceTo(start + 30 * MIN); // the lesson is live
    await s.tongke.lessons.attendance.joined(o.occurrenceId, 'room-gaolou-1');
    const form = new FormData();
    form.set('kind', 'guide');
    form.set('file', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), '第一课导学单.pdf');
    const upload = await s.api(`/api/lessons/${encodeURIComponent(o.occurrenceId)}/materials`, {
      method: 'POST',
      token: s.tokens.wang,
      body: form,
    });
    expect(upload.status).toBe(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await colleague?.stop();
    await browser?.close();
    await s?.close();
  });

  it('takes the teacher from the end of the lesson into the research room and saves her minutes', async () => {
    const page = await browser.newPage(
      `${s.url}/research/?occurrence=${encodeURIComponent(o.occurrenceId)}`,
    );
    await page.fill('input[name=login]', 'wang');
    await page.fill('input[name=password]', 'correct horse 电池');
    await page.click('button[type=submit]');
    await page.waitForSelector('text=下课后将自动进入教研室');

    await s.clock.advanceTo(end); // the bell: the lesson ends, the research session opens
    const core = page.locator('textarea[data-section="core"]');
    await core.waitFor({ timeout: 15_000 });
    await expect(
      page.locator('.attendance tr[data-classroom="room-ningyi-1"]').textContent(),
    ).resolves.toContain('缺席');
    // Classrooms are named, not shown by id (issue 10, defect 8), in the record and the minutes.
    await expect(
      page.locator('.attendance tr[data-classroom="room-ningyi-1"] td').first().textContent(),
    ).resolves.toBe('高楼镇宁益小学 三(1)班');
    await expect(page.locator('.absent-list').textContent()).resolves.not.toContain('room-');
    await expect(page.locator('label.section > span').allTextContents()).resolves.toContain(
      '听讲课堂观察（高楼镇中心小学 三(1)班）',
    );
    await expect(page.locator('#video-area').isVisible()).resolves.toBe(true);
    await expect(page.locator('.materials').textContent()).resolves.toContain(
      '课堂导学单第一课导学单.pdf',
    );
    // The recording of the lesson they discuss opens from the record.
    await expect(page.locator('a[data-action="playback"]').getAttribute('href')).resolves.toBe(
      `/playback/?occurrence=${encodeURIComponent(o.occurrenceId)}`,
    );

    await core.click();
    await page.keyboard.type('学生回答积极，板书清晰。');
    await page.locator('textarea[data-section="nextSteps"]').click();
    await page.keyboard.type('下周提前十分钟联调。');
    await page.waitForSelector('#save-status[data-status="saved"]');
    await expect(page.locator('#save-status').textContent()).resolves.toBe('已保存');

    // Read what the store holds, through a fresh service (not the server's cached doc).
    const keys = minutesSections(o).map((x) => x.key);
    const text = await new MinutesService(s.tongke.store.research).text(o.occurrenceId, keys);
    expect(text.core).toBe('学生回答积极，板书清晰。');
    expect(text.nextSteps).toBe('下周提前十分钟联调。');

    // The video meeting on the same SFU: the teacher joins from the page, a colleague
    // (李老师, a Node peer with her own login) sees and hears her, and is seen in the page.
    await page.click('#video-area button.primary');
    await expect
      .poll(() => page.textContent('#video-area'), { timeout: 15_000 })
      .toContain('视频研讨中');
    colleague = await livePeer(
      s.url,
      { roomId: o.occurrenceId, kind: 'research', token: s.tokens.li, displayName: '李老师' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    const wang = colleague.client.peers.find((p) => p.displayName === '王老师')!;
    const camera = await colleague.waitForTrack(wang.peerId, 'camera');
    await camera.video!.waitFor(5);
    const mic = await colleague.waitForTrack(wang.peerId, 'mic');
    await mic.audio!.waitForSound(10);
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              [...document.querySelectorAll<HTMLVideoElement>('.meeting-grid video')].filter(
                (v) => v.videoWidth > 0,
              ).length,
          ),
        { timeout: 15_000 },
      )
      .toBe(1);
    // The page tells the server what it decoded of the video it shows (what attendance
    // grades a classroom PC by): Chromium's decoded frames and freezes reach the server.
    const room = s.tongke.rooms.get(o.occurrenceId, 'research')!;
    const media = [...room.participants.values()].find((p) => p.displayName === '王老师')!.media!;
    await expect
      .poll(() => media.received.take(media.consumers.keys())?.framesDecoded ?? 0, {
        timeout: 10_000,
        interval: 2_500,
      })
      .toBeGreaterThan(0);
    await expect
      .poll(() => media.received.take(media.consumers.keys())?.freezes, {
        timeout: 10_000,
        interval: 2_500,
      })
      .toBeDefined();
  });

  it('keeps two teachers typing at one spot of a section in two whole runs', async () => {
    // Each in her own tab with her own login (a token in the fragment stays in that tab).
    const open = async (token: string) => {
      const page = await browser.newPage(
        `${s.url}/research/?occurrence=${encodeURIComponent(o.occurrenceId)}#token=${token}`,
      );
      const area = page.locator('textarea[data-section="problems"]');
      await area.waitFor({ timeout: 15_000 });
      await area.click();
      return { page, area };
    };
    const wang = await open(s.tokens.wang);
    const li = await open(s.tokens.li);
    // Both at the same spot (the empty section), typing at once, key by key.
    await Promise.all([
      wang.page.keyboard.type('[王]远端声音偶有延迟', { delay: 40 }),
      li.page.keyboard.type('[赵]板书看不清', { delay: 40 }),
    ]);
    for (const { page } of [wang, li]) {
      await page.waitForSelector('#save-status[data-status="saved"]');
    }
    const whole = ['[王]远端声音偶有延迟[赵]板书看不清', '[赵]板书看不清[王]远端声音偶有延迟'];
    await expect.poll(() => wang.area.inputValue()).toBe(await li.area.inputValue());
    expect(whole).toContain(await wang.area.inputValue());
    const keys = minutesSections(o).map((x) => x.key);
    const text = await new MinutesService(s.tongke.store.research).text(o.occurrenceId, keys);
    expect(whole).toContain(text.problems);
    await wang.page.close();
    await li.page.close();
  });

  it('keeps a pinyin composition whole while someone else types at the same spot', async () => {
    const open = async (token: string) => {
      const page = await browser.newPage(
        `${s.url}/research/?occurrence=${encodeURIComponent(o.occurrenceId)}#token=${token}`,
      );
      const area = page.locator('textarea[data-section="nextSteps"]');
      await area.waitFor({ timeout: 15_000 });
      await area.click();
      await page.keyboard.press('Control+End');
      return { page, area };
    };
    const wang = await open(s.tokens.wang);
    const li = await open(s.tokens.li);
    const before = await wang.area.inputValue();
    const cdp = await wang.page.context().newCDPSession(wang.page);
    // 王 composes 远端 in pinyin (the IME shows the letters in the field until she picks)…
    for (const letters of ['y', 'yu', 'yua', 'yuan', 'yuand', 'yuandu', 'yuandua', 'yuanduan']) {
      await cdp.send('Input.imeSetComposition', {
        text: letters,
        selectionStart: letters.length,
        selectionEnd: letters.length,
      });
      // …while 李 types at the same spot.
      await li.page.keyboard.type('李', { delay: 10 });
      await new Promise((r) => setTimeout(r, 60));
    }
    await cdp.send('Input.insertText', { text: '远端' }); // she picks the characters
    await wang.page.keyboard.type('声音', { delay: 30 });
    for (const { page } of [wang, li]) {
      await page.waitForSelector('#save-status[data-status="saved"]');
    }
    await expect.poll(() => wang.area.inputValue()).toBe(await li.area.inputValue());
    const after = await wang.area.inputValue();
    expect([`${before}远端声音李李李李李李李李`, `${before}李李李李李李李李远端声音`]).toContain(
      after,
    );
  });

  it('lets a member classroom’s teacher in by her invitation link once, and drops its code from the address bar', async () => {
    const res = await s.api(`/api/research/${encodeURIComponent(o.occurrenceId)}/invitations`, {
      method: 'POST',
      token: s.tokens.wang,
    });
    const [link] = (await res.json()) as { url: string }[];
    expect(link!.url).toMatch(/#code=/);
    // A PC of her own: a fresh profile, nobody signed in.
    const own = await launchChromium();
    try {
      const page = await own.newPage(`${s.url}${link!.url}`);
      await page.locator('textarea[data-section="core"]').waitFor({ timeout: 15_000 });
      expect(new URL(page.url()).hash).toBe('');
      expect(page.url()).not.toContain('code=');
      // The same link again (a forwarded message, the browser's history): the code is spent.
      const again = await own.newPage(`${s.url}${link!.url}`);
      await again.locator('input[name=login]').waitFor({ timeout: 15_000 });
      await expect(again.locator('p.link-refused').textContent()).resolves.toContain(
        '链接已使用或已过期',
      );
      expect(await again.locator('textarea[data-section="core"]').count()).toBe(0);
    } finally {
      await own.close();
    }
  });
});
