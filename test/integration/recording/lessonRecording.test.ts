// A scheduled lesson with real media is recorded by itself: the teacher's camera with her
// voice, her courseware, and the classroom on stage, each in its own file that ffprobe
// reads back with the lesson's duration, frame rate and size; the event log has the stage
// change, the share, the chat, the question with its tally, the timer and the teacher's
// 批注 stroke on the same clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RecordingView } from '../../../shared/recording';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { ffprobe, maxLuma, redPixels } from '../../helpers/ffprobe';

const o = occurrence();
const start = Date.parse(o.start);
const end = Date.parse(o.end);
const id = encodeURIComponent(o.occurrenceId);

describe('a live lesson is recorded', () => {
  let s: LessonServer;
  const peers: LivePeer[] = [];
  let view: RecordingView;
  let liveAt = 0;
  let endedAt = 0;
  let receivedWidth = 0;
  /** the wall clock just before and after the teacher drew her stroke */
  const drew = { from: 0, to: 0 };

  beforeAll(async () => {
    s = await startLessonServer();
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
  });

  it('records from live to ended with the stage, the share and the chat', async () => {
    await s.clock.advanceTo(start - 4 * MIN);
    const teacher = await livePeer(
      s.url,
      { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
      { camera: { width: 640, height: 360 }, mic: true, screen: true },
    );
    peers.push(teacher);
    const gaolou = await livePeer(
      s.url,
      {
        roomId: o.occurrenceId,
        token: await s.deviceToken('room-gaolou-1'),
        displayName: '高楼镇中心小学 三(1)班',
      },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    const ningyi = await livePeer(
      s.url,
      {
        roomId: o.occurrenceId,
        token: await s.deviceToken('room-ningyi-1'),
        displayName: '宁益小学 三(1)班',
      },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    peers.push(gaolou, ningyi);
    // The teacher's layers come as her encoder's estimate ramps up; on this shared 2-core
    // machine wrtc's encoder may keep its top layer off for CPU. The recording takes the
    // best layer the worker has, at least what a classroom gets.
    const camera = await gaolou.waitForTrack(teacher.client.session!.peerId, 'camera');
    await camera.video!.waitFor(10);
    await new Promise((r) => setTimeout(r, 5000));
    receivedWidth = camera.video!.width;

    // Nothing is recorded while the room is only open; what she draws meanwhile is there
    // when the recording begins.
    expect(s.tongke.recording.recordings.isRecording(o.occurrenceId)).toBe(false);
    await teacher.client.request('annotationStroke', {
      pageId: 'p1',
      strokeId: 's0',
      tool: 'pen',
      color: '#1e88e5',
      width: 0.004,
      points: [0.1, 0.8, 0.3, 0.8],
      done: true,
    });
    liveAt = Date.now();
    await s.clock.advanceTo(start);
    expect(s.tongke.recording.recordings.isRecording(o.occurrenceId)).toBe(true);

    await new Promise((r) => setTimeout(r, 2000));
    await teacher.client.setStage(gaolou.client.session!.peerId);
    await new Promise((r) => setTimeout(r, 1000));
    await teacher.client.sendChat('请高楼镇的同学回答');
    await ningyi.client.raiseHand(true);
    await teacher.client.request('setLayout', { layout: 'side_by_side' });
    // A quick question two classrooms answer, the timer, and a stroke over the courseware.
    const q = await teacher.client.request('askQuestion', {
      kind: 'single',
      prompt: '哪个是质数？',
      choices: 4,
      correct: { choices: [2] },
    });
    await gaolou.client.request('answerQuestion', {
      questionId: q.questionId,
      answer: { choices: [2] },
    });
    await ningyi.client.request('answerQuestion', {
      questionId: q.questionId,
      answer: { choices: [0] },
    });
    await teacher.client.request('startTimer', { mode: 'countdown', durationSeconds: 60 });
    await teacher.client.request('closeQuestion', { questionId: q.questionId });
    drew.from = Date.now();
    await teacher.client.request('annotationStroke', {
      pageId: 'p1',
      strokeId: 's1',
      tool: 'pen',
      color: '#e53935',
      width: 0.004,
      points: [0.2, 0.3, 0.5, 0.5, 0.8, 0.3],
      done: true,
    });
    drew.to = Date.now();
    await teacher.client.request('stopTimer', {});
    await new Promise((r) => setTimeout(r, 2500));
    // The courseware is put away: the projectors show the teacher large again.
    await teacher.client.unpublish('screen');
    await new Promise((r) => setTimeout(r, 3000));

    endedAt = Date.now();
    await s.clock.advanceTo(end + 1);
    await expect.poll(() => s.tongke.recording.recordings.isRecording(o.occurrenceId)).toBe(false);
    await expect
      .poll(
        async () => {
          const res = await s.api(`/api/recordings/${id}`, { token: s.tokens.wang });
          view = (await res.json()) as RecordingView;
          return view.manifest?.state;
        },
        { timeout: 15_000 },
      )
      .toBe('stopped');

    const tracks = view.manifest.segments.map((x) => x.track).sort();
    expect(tracks).toEqual(['screen', 'stage', 'teacher']);
    const types = view.events.map((e) => e.type);
    expect(types).toContain('recording_started');
    expect(types).toContain('recording_stopped');
    const stage = view.events.find((e) => e.type === 'stage');
    expect(stage).toMatchObject({
      peerId: gaolou.client.session!.peerId,
      displayName: '高楼镇中心小学 三(1)班',
    });
    expect(view.events.find((e) => e.type === 'chat')).toMatchObject({
      text: '请高楼镇的同学回答',
    });
    expect(view.events.find((e) => e.type === 'hand')).toMatchObject({ raised: true });
    expect(view.events.find((e) => e.type === 'share_started')).toMatchObject({ source: 'screen' });
    expect(view.events.find((e) => e.type === 'share_stopped')).toMatchObject({ source: 'screen' });
    // What the projectors showed: the courseware from the start (her share came first), side
    // by side as she chose, and the teacher again once the share ended.
    expect(
      view.events.flatMap((e) => (e.type === 'layout' ? [`${e.layout}/${e.cause}`] : [])),
    ).toEqual(['courseware/share_started', 'side_by_side/chosen', 'teacher/share_stopped']);
    // The question, its close with how the answers fell (no classroom named), the timer and
    // the stroke with its geometry as drawn: all within the recording, on the media's clock.
    expect(view.events.find((e) => e.type === 'question_asked')).toMatchObject({
      number: 1,
      kind: 'single',
      prompt: '哪个是质数？',
      choices: 4,
    });
    const closed = view.events.find((e) => e.type === 'question_closed');
    expect(closed).toMatchObject({
      tally: { answered: 2, perChoice: [1, 0, 1, 0], correct: 1 },
    });
    expect(JSON.stringify(closed)).not.toContain('三(1)班');
    expect(view.events.find((e) => e.type === 'timer_started')).toMatchObject({
      mode: 'countdown',
      durationMs: 60_000,
    });
    const drawn = (strokeId: string) =>
      view.events.find(
        (e) =>
          e.type === 'annotation' &&
          e.annotation.kind === 'annotation.stroke' &&
          e.annotation.strokeId === strokeId,
      );
    // The stroke drawn before: the log starts from the page as it was, at the recording's start.
    const started = view.events.find((e) => e.type === 'recording_started')!;
    expect(drawn('s0')).toMatchObject({ annotation: { points: [0.1, 0.8, 0.3, 0.8] } });
    expect(drawn('s0')!.at - started.at).toBeGreaterThanOrEqual(0);
    expect(drawn('s0')!.at - started.at).toBeLessThan(1000);
    const stroke = drawn('s1');
    expect(stroke).toMatchObject({
      annotation: {
        kind: 'annotation.stroke',
        pageId: 'p1',
        strokeId: 's1',
        points: [0.2, 0.3, 0.5, 0.5, 0.8, 0.3],
      },
    });
    const m = view.manifest;
    const tools = [
      ...['question_asked', 'question_closed', 'timer_started', 'timer_stopped'].map((type) =>
        view.events.find((e) => e.type === type),
      ),
      stroke,
    ];
    expect(tools.every((e) => e !== undefined)).toBe(true);
    for (const e of tools) {
      expect(e!.at).toBeGreaterThan(stage!.at);
      expect(e!.at).toBeLessThan(m.endedAt!);
    }
    // The lesson clock (a fake one here, hours away) stamps the room's own log; the
    // recording's stroke is on the wall clock, when the teacher drew it.
    expect(stroke!.at).toBeGreaterThanOrEqual(drew.from);
    expect(stroke!.at).toBeLessThanOrEqual(drew.to);
    // Media and events on one clock: the stage segment starts right after the stage event.
    const stageSegment = view.manifest.segments.find((x) => x.track === 'stage')!;
    expect(stageSegment.startedAt - stage!.at).toBeGreaterThanOrEqual(0);
    expect(stageSegment.startedAt - stage!.at).toBeLessThan(1500);
    expect(view.bytes).toBeGreaterThan(0);
    expect(view.mbPerHour).toBeGreaterThan(0);
  });

  it('wrote files ffprobe reads with the lesson’s duration, frame rate and size', async () => {
    const dir = s.tongke.recording.recordings.dirOf(o.occurrenceId);
    const lessonS = (endedAt - liveAt) / 1000;
    const segment = (track: string) => view.manifest.segments.find((x) => x.track === track)!;

    const teacher = await ffprobe(join(dir, segment('teacher').file));
    console.log('teacher', lessonS, JSON.stringify(teacher));
    expect(Math.abs(teacher.durationS - lessonS)).toBeLessThan(1);
    expect(teacher.video).toMatchObject({ codec_name: 'vp8' });
    expect([160, 320, 640]).toContain(teacher.video!.width);
    expect(teacher.video!.width).toBeGreaterThanOrEqual(receivedWidth);
    expect(teacher.video!.height! * 16).toBe(teacher.video!.width! * 9);
    expect(teacher.fps).toBeGreaterThan(25);
    expect(teacher.fps).toBeLessThan(32);
    expect(teacher.audio).toMatchObject({ codec_name: 'opus' });
    // 50 Opus frames a second when the synthetic mic keeps time; a loaded machine's timers
    // deliver fewer, and that is the test source, not the recording.
    expect(Number(teacher.audio!.nb_read_frames)).toBeGreaterThan(lessonS * 30);

    const screen = await ffprobe(join(dir, segment('screen').file));
    console.log('screen', JSON.stringify(screen));
    expect(screen.video).toMatchObject({ width: 1280, height: 720 });
    expect(screen.audio).toBeUndefined();
    const screenS = (segment('screen').endedAt! - segment('screen').startedAt) / 1000;
    expect(screenS).toBeLessThan(lessonS - 2);
    expect(Math.abs(screen.durationS - screenS)).toBeLessThan(1);

    const stage = await ffprobe(join(dir, segment('stage').file));
    console.log('stage', JSON.stringify(stage));
    expect(stage.video).toMatchObject({ width: 640, height: 360 });
    expect(stage.audio).toMatchObject({ codec_name: 'opus' });
    const stageS = (segment('stage').endedAt! - segment('stage').startedAt) / 1000;
    expect(Math.abs(stage.durationS - stageS)).toBeLessThan(1);
  });
  it('exports one MP4 (H.264 + AAC) with the layout switching when the courseware went away', async () => {
    const res = await s.api(`/api/recordings/${id}/export`, {
      method: 'POST',
      token: s.tokens.wang,
    });
    expect(res.status).toBe(202);
    const began = Date.now();
    await expect
      .poll(
        async () => {
          const r = await s.api(`/api/recordings/${id}`, { token: s.tokens.wang });
          return ((await r.json()) as RecordingView).export?.state;
        },
        { timeout: 90_000, interval: 500 },
      )
      .toBe('done');
    const recordingS = (view.manifest.endedAt! - view.manifest.startedAt) / 1000;
    console.log('export took', Date.now() - began, 'ms for', recordingS, 's');
    const download = await s.api(`/api/recordings/${id}/export.mp4`, { token: s.tokens.wang });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('video/mp4');
    const file = join(s.tongke.recording.recordings.dirOf(o.occurrenceId), 'export.mp4');
    const mp4 = await ffprobe(file);
    console.log('export', JSON.stringify(mp4));
    expect(mp4.video).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });
    expect(mp4.audio).toMatchObject({ codec_name: 'aac' });
    expect(Math.abs(mp4.durationS - recordingS)).toBeLessThan(0.5);
    // Beside the courseware the stage sits below the teacher; once the courseware is put
    // away the teacher is large and the stage beside her, and that lower box is empty.
    const t0 = view.manifest.startedAt;
    const stage = view.manifest.segments.find((x) => x.track === 'stage')!;
    const screen = view.manifest.segments.find((x) => x.track === 'screen')!;
    const lower = { x: 960, y: 270, w: 320, h: 180 };
    // Five moments in each stretch (a synthetic camera on a loaded machine may stall).
    const moments = (from: number, to: number) =>
      [1, 2, 3, 4, 5].map((k) => (from + ((to - from) * k) / 6 - t0) / 1000);
    const brightest = async (times: number[], box: typeof lower) =>
      Math.max(...(await Promise.all(times.map((t) => maxLuma(file, t, box)))));
    const shared = moments(stage.startedAt, screen.endedAt!);
    const after = moments(screen.endedAt! + 500, view.manifest.endedAt!);
    expect(await brightest(shared, lower)).toBeGreaterThan(200);
    expect(await brightest(after, lower)).toBeLessThan(40);
    expect(await brightest(after, { x: 0, y: 90, w: 960, h: 540 })).toBeGreaterThan(200);

    // The teacher's stroke is burned in over the courseware (960×540 at 0,90) from the moment
    // she drew it until the courseware went away: red on its left leg, none before or after.
    const s1 = view.events.find(
      (e) =>
        e.type === 'annotation' &&
        e.annotation.kind === 'annotation.stroke' &&
        e.annotation.strokeId === 's1',
    )!;
    const drawnS = (s1.at - t0) / 1000;
    const leg = { x: 0.35 * 960 - 12, y: 90 + 0.4 * 540 - 12, w: 24, h: 24 };
    const red = (atS: number) => redPixels(file, atS, leg);
    expect(await red(drawnS + 0.5)).toBeGreaterThan(40);
    expect(await red(drawnS + 1.5)).toBeGreaterThan(40);
    expect(await red(drawnS - 0.4)).toBe(0);
    expect(await red((screen.endedAt! - t0) / 1000 + 0.5)).toBe(0);
  });
});
