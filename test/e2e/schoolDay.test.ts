// One school day, walked as its people walk it, in Debian's Chromium against a real server
// whose lesson clock is moved by hand: the coordinator publishes a lesson both member
// schools accepted; two classroom PCs are enrolled before the room opens and join by
// themselves; the teacher starts early, every PC shows her, her wall shows both
// classrooms; she puts one on stage and takes it off by clicking what she sees; she ends
// early and the PCs wait for their next lesson; both teachers write minutes at the same
// spot; the server restarts; the archived record names schools and classrooms and grades
// the classroom that never showed the teacher as such. Every screen is checked as a
// person sees it (box, not covered, pixels changing) and kept as a screenshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromiumProfiles, type Profiles } from '../helpers/chromium';
import { freePort } from '../helpers/freePort';
import { livePeer, type LivePeer } from '../helpers/livePeer';
import { expectClickable, keepScreenshots, waitShown } from '../helpers/screen';
import { startTongke, type TestServer } from '../helpers/tongkeServer';
import { enrolDevice } from '../helpers/enrolDevice';
import { ManualClock } from '../../server/lessons/clock';
import { MinutesService } from '../../server/research/MinutesService';
import { minutesSections } from '../../shared/research';
import type { Community, School } from '../../shared/timetable/model';
import { classrooms, core, member, spec, teachers } from '../unit/timetable/support/world';

const PASSWORD = 'correct horse 电池';
// A Tuesday of the autumn term; 第2节 of 瑞安市实验小学 is 08:50–09:30.
const at = (time: string) => Date.parse(`2026-09-08T${time}:00+08:00`);
const occurrenceId = 'math:2026-09-08';

// A second member school whose classroom has the same name as the first one's: the
// screens must still tell them apart by school.
const ningyi: School = { ...member, id: 'sch-ningyi', name: '瑞安市高楼镇宁益小学' };
const community: Community = {
  id: 'ruian-p-18',
  name: '瑞安市实验小学教共体',
  mode: '共建型',
  stage: 'primary',
  district: '瑞安市',
  coreSchoolId: core.id,
  memberSchoolIds: [member.id, ningyi.id],
};
const dayClassrooms = [
  ...classrooms.map((c) => (c.id === 'room-gaolou-1' ? { ...c, name: '三年级同步教室' } : c)),
  { id: 'room-ningyi-1', schoolId: ningyi.id, name: '三年级同步教室' },
];

interface PcDebug {
  __tongke: { state: string };
}
const pcState = (page: Page) => page.evaluate(() => (window as unknown as PcDebug).__tongke.state);
const waitingText = (page: Page) => page.locator('.waiting').first().textContent();

describe('a school day, end to end', () => {
  const clock = new ManualClock(at('08:00'));
  let port: number;
  let dataDir: string;
  let server: TestServer;
  let browsers: Profiles;
  let teacher: Page;
  const pcs: Page[] = [];
  let unseen: LivePeer | undefined;
  let research: { wang: Page; zhao: Page } | undefined;
  let ticking: ReturnType<typeof setInterval> | undefined;

  const boot = () => startTongke({ port, dataDir, numWorkers: 1 }, { clock, now: clock.now });
  const api = async (path: string, token: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const login = async (name: string) => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: name, password: PASSWORD }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  const signIn = async (page: Page, name: string) => {
    await page.fill('input[name=login]', name);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form.login button[type=submit]');
  };

  beforeAll(async () => {
    port = await freePort();
    dataDir = await mkdtemp(join(tmpdir(), 'tongke-day-'));
    server = await boot();
    await server.tongke.store.timetable.apply({
      put: {
        community: [community],
        school: [core, member, ningyi],
        classroom: dayClassrooms,
        teacher: teachers,
      },
    });
    const { accounts } = server.tongke.lessons;
    const communityIds = [community.id];
    for (const u of [
      { login: 'jiaowu', name: '教务处', role: 'coordinator' as const },
      { login: 'wang', name: '王老师', role: 'teacher' as const, teacherId: 'teacher-wang' },
      { login: 'zhao', name: '赵老师', role: 'teacher' as const, teacherId: 'teacher-zhao' },
      { login: 'xunke', name: '教研员', role: 'observer' as const },
    ]) {
      await accounts.createUser({ ...u, communityIds, password: PASSWORD });
    }
    browsers = await launchChromiumProfiles();
  });

  afterAll(async () => {
    clearInterval(ticking);
    await unseen?.stop();
    await browsers?.close();
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('the coordinator publishes the lesson once both member schools have accepted', async () => {
    const coordinator = await login('jiaowu');
    const base = `/api/communities/${community.id}`;
    const created = await api(`${base}/series`, coordinator, {
      id: 'math',
      spec: spec({
        memberClassroomIds: ['room-gaolou-1', 'room-ningyi-1', 'room-gaolou-2'],
        memberTeachers: [{ classroomId: 'room-gaolou-1', teacherId: 'teacher-zhao' }],
      }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await api(`${base}/series/math/propose`, coordinator, {})).status).toBe(200);
    for (const schoolId of [member.id, ningyi.id]) {
      const answered = await api(`${base}/series/math/respond`, coordinator, {
        schoolId,
        decision: 'accepted',
        comment: '',
      });
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    }
    const published = await api(`${base}/series/math/publish`, coordinator, {});
    expect(published.status, JSON.stringify(published.body)).toBe(200);
  });

  it('two classroom PCs enrolled before the room opens wait for their lesson', async () => {
    const coordinator = await login('jiaowu');
    for (const classroomId of ['room-gaolou-1', 'room-ningyi-1']) {
      const enrolment = await api('/api/devices/enrolments', coordinator, {
        communityId: community.id,
        classroomId,
      });
      expect(enrolment.status).toBe(201);
      const page = await browsers.newPage(`${server.url}/classroom/`, {
        width: 1920,
        height: 1080,
      });
      await page.fill('input[name=code]', enrolment.body.code);
      await page.click('form[data-form=enrol] button[type=submit]');
      await expect.poll(() => waitingText(page), { timeout: 15_000 }).toContain('数学');
      pcs.push(page);
    }
    for (const page of pcs) expect(await waitingText(page)).toContain('下一节课');
  });

  it('eight minutes before the bell the room is not open yet: the PCs keep waiting, quietly', async () => {
    await clock.advanceTo(at('08:42'));
    // The PCs ask for their day every 20 s: let each ask at least once at this time.
    await new Promise((r) => setTimeout(r, 22_000));
    for (const page of pcs) {
      expect(await waitingText(page)).toContain('下一节课');
      expect(await pcState(page)).toBe('idle');
      expect(await page.locator('audio').count()).toBe(0);
    }
  });

  it('the room opens five minutes before the bell and the PCs join by themselves', async () => {
    await clock.advanceTo(at('08:45'));
    // From now on lesson time passes as real time does: attendance samples what each
    // classroom receives once a second of lesson time.
    ticking = setInterval(() => void clock.advanceBy(1000), 1000);
    for (const page of pcs) {
      await expect.poll(() => pcState(page), { timeout: 40_000 }).toBe('joined');
    }
    // A third member classroom whose screen never shows the teacher (its tile hidden the
    // whole lesson): the record must say so.
    unseen = await livePeer(
      server.url,
      {
        roomId: occurrenceId,
        displayName: '四年级教室',
        token: await enrolDevice(server.tongke.lessons.accounts, community.id, {
          id: 'room-gaolou-2',
        }),
      },
      { camera: { width: 320, height: 180 }, mic: true },
    );
    unseen.client.on('consumer', (remote) => {
      if (remote.kind === 'video')
        void unseen!.client.setConsumerPrefs(remote.consumerId, { visible: false });
    });
  });

  it('the teacher signs in and starts early; every PC shows her and her wall shows both classrooms', async () => {
    teacher = await browsers.newPage(`${server.url}/teacher/`);
    teacher.on('dialog', (dialog) => void dialog.accept());
    await signIn(teacher, 'wang');
    const row = teacher.locator(`li[data-occurrence="${occurrenceId}"]`);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('open');
    await row.locator('button').click();
    // One start button: before the bell it says how early, and makes the lesson live.
    const start = teacher.locator('button[data-action="start"]');
    await expect.poll(() => start.textContent(), { timeout: 20_000 }).toContain('提前开始上课');
    // She is told before she starts that the lesson will be recorded, and then that it is.
    const badge = teacher.locator('.recording-badge');
    await expect.poll(() => badge.textContent(), { timeout: 20_000 }).toMatch(/^录制就绪/);
    await expectClickable(badge, 'the recording badge before the start');
    await start.click();
    await expect
      .poll(() => teacher.evaluate(() => (window as unknown as PcDebug).__tongke.state), {
        timeout: 20_000,
      })
      .toBe('joined');
    const wang = await login('wang');
    await expect
      .poll(async () => (await api(`/api/lessons/${occurrenceId}`, wang)).body?.lesson?.state, {
        timeout: 10_000,
      })
      .toBe('live');

    for (const [i, page] of pcs.entries()) {
      await waitShown(
        page.locator('.screens .tile[data-source="camera"] video').first(),
        `PC ${i + 1}: the teacher`,
      );
      // One sound of the teacher, not one per attempt to join.
      expect(await page.locator('audio').count()).toBeLessThanOrEqual(2);
    }
    const wall = teacher.locator('.wall .tile.classroom');
    await expect.poll(() => wall.locator('video').count(), { timeout: 30_000 }).toBe(3);
    for (const name of [
      '高楼镇中心小学 · 三年级同步教室',
      '宁益小学 · 三年级同步教室',
      '高楼镇中心小学 · 四年级教室',
    ]) {
      const tile = wall.filter({ hasText: name });
      await waitShown(tile.locator('video'), `the teacher's wall: ${name}`);
    }
    await expect.poll(() => badge.textContent(), { timeout: 20_000 }).toBe('● 录制中 REC');
    await expectClickable(badge, 'the recording badge while she teaches');
    await keepScreenshots(pcs[0]!, 'day-classroom');
    await keepScreenshots(teacher, 'day-teacher-wall');
  });

  it('she puts a classroom on stage and takes it off by clicking the buttons she sees', async () => {
    const tile = teacher.locator('.wall .tile.classroom').filter({ hasText: '宁益小学' });
    const on = tile.locator('button:has-text("上台")');
    await expectClickable(on, '上台');
    await on.click();
    const staged = teacher.locator('.stage-view .tile.classroom');
    await expect.poll(() => staged.count(), { timeout: 10_000 }).toBe(1);
    await waitShown(staged.locator('video'), 'the classroom on stage');
    await keepScreenshots(teacher, 'day-teacher-stage');
    const off = staged.locator('button:has-text("下台")');
    await expectClickable(off, '下台');
    await off.click();
    await expect.poll(() => staged.count(), { timeout: 10_000 }).toBe(0);
    // With the stage cleared the wall is painted again, every classroom on it.
    for (const name of [
      '高楼镇中心小学 · 三年级同步教室',
      '宁益小学 · 三年级同步教室',
      '高楼镇中心小学 · 四年级教室',
    ]) {
      const back = teacher.locator('.wall .tile.classroom').filter({ hasText: name });
      await waitShown(back.locator('video'), `the wall after 下台: ${name}`);
    }
  });

  it('she ends early; the PCs do not announce the finished lesson again', async () => {
    clearInterval(ticking);
    await clock.advanceTo(at('09:10'));
    await teacher.click('button:has-text("下课 End lesson")');
    for (const page of pcs) {
      await expect.poll(() => waitingText(page), { timeout: 20_000 }).toContain('已结束');
    }
    // The PC asks for its day 5 s after a lesson: the finished one is no longer "now".
    await new Promise((r) => setTimeout(r, 9_000));
    for (const page of pcs) {
      const text = await waitingText(page);
      expect(text).not.toContain('即将开始');
      expect(text).toContain('今天没有同步课堂');
      expect(await pcState(page)).not.toBe('joining');
    }
  });

  it('the research room opens for both teachers; two writers at the same spot keep their texts whole', async () => {
    const link = teacher.locator('a[href^="/research/"]');
    await link.waitFor({ timeout: 15_000 });
    await link.click();
    const zhao = await browsers.newPage(`${server.url}/research/?occurrence=${occurrenceId}`);
    await signIn(zhao, 'zhao');
    research = { wang: teacher, zhao };
    const areas = [teacher, zhao].map((p) => p.locator('textarea[data-section="core"]'));
    for (const area of areas) await area.waitFor({ timeout: 20_000 });
    for (const area of areas) await area.click();
    await Promise.all([
      teacher.keyboard.type('[王]远端声音偶有延迟', { delay: 90 }),
      zhao.keyboard.type('[赵]板书看不清', { delay: 90 }),
    ]);
    for (const page of [teacher, zhao]) {
      await page.waitForSelector('#save-status[data-status="saved"]', { timeout: 15_000 });
    }
    const keys = minutesSections(await lessonOccurrence()).map((s) => s.key);
    await expect
      .poll(
        async () =>
          (await new MinutesService(server.tongke.store.research).text(occurrenceId, keys)).core,
        {
          timeout: 10_000,
        },
      )
      .toMatch(/^(\[王\]远端声音偶有延迟\[赵\]板书看不清|\[赵\]板书看不清\[王\]远端声音偶有延迟)$/);
    for (const page of [teacher, zhao]) {
      await expect
        .poll(() => page.locator('textarea[data-section="core"]').inputValue(), { timeout: 10_000 })
        .toMatch(/\[王\]远端声音偶有延迟/);
    }
    await keepScreenshots(zhao, 'day-research');
  });

  it('a server restart in the research session loses nothing', async () => {
    await server.close();
    server = await boot();
    const { zhao } = research!;
    const area = zhao.locator('textarea[data-section="nextSteps"]');
    await area.click();
    await zhao.keyboard.type('下周提前联调');
    await zhao.waitForSelector('#save-status[data-status="saved"]', { timeout: 30_000 });
    const o = await lessonOccurrence();
    const minutes = () =>
      new MinutesService(server.tongke.store.research).text(
        occurrenceId,
        minutesSections(o).map((s) => s.key),
      );
    // "saved" may still describe the text before the last keystroke's update reached the
    // server: the store gets every character within moments.
    await expect
      .poll(async () => (await minutes()).nextSteps, { timeout: 10_000 })
      .toBe('下周提前联调');
    const text = await minutes();
    expect(text.core).toContain('[王]远端声音偶有延迟');
    expect(text.core).toContain('[赵]板书看不清');
    expect(text.nextSteps).toBe('下周提前联调');
  });

  it('the archived record names schools and classrooms and grades the classroom that saw nothing', async () => {
    await clock.advanceTo(at('10:15'));
    const record = await api(`/api/lessons/${occurrenceId}`, await login('jiaowu'));
    expect(record.body.lesson.state).toBe('archived');
    const text = JSON.stringify(record.body);
    for (const name of ['瑞安市高楼镇中心小学', '瑞安市高楼镇宁益小学', '三年级同步教室']) {
      expect(text).toContain(name);
    }
    const attendance = record.body.attendance.classrooms as {
      classroomId: string;
      quality: { grade: string; issues: string[] };
    }[];
    const quality = (id: string) => attendance.find((a) => a.classroomId === id)!.quality;
    expect(quality('room-gaolou-2').grade).toBe('poor');
    expect(quality('room-gaolou-2').issues).toContain('no_teacher_video');
    for (const seen of ['room-gaolou-1', 'room-ningyi-1']) {
      expect(quality(seen).issues, seen).not.toContain('no_teacher_video');
    }
  });

  async function lessonOccurrence() {
    const record = await server.tongke.lessons.lifecycle.get(occurrenceId);
    return record!.occurrence;
  }
});
