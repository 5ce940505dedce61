// Faults during a recorded lesson heal by themselves: a recorder process that dies is
// restarted in a new segment with the gap marked, and a killed media worker leaves two
// playable segments, the second starting within seconds of the rebuild.
import { getPriority } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { occurrence, MIN } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import type { LivePeer } from '../../helpers/livePeer';
import { expectSegmentsPlay, stoppedManifest, teacherAndClassroom } from './support/recordedLesson';

const o = occurrence();
const start = Date.parse(o.start);
const end = Date.parse(o.end);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a recorded lesson survives its faults', () => {
  let s: LessonServer;
  const peers: LivePeer[] = [];
  const manifest = () =>
    s.tongke.recording.recordings.active(o.occurrenceId)!.then((r) => r.manifest);
  const teacherSegments = async () =>
    (await manifest()).segments.filter((x) => x.track === 'teacher');

  beforeAll(async () => {
    s = await startLessonServer({ numWorkers: 1 });
    await s.clock.advanceTo(start - 4 * MIN);
    peers.push(...(await teacherAndClassroom(s, o.occurrenceId)));
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
  });

  it('restarts a recorder process that died, marking the gap', async () => {
    await s.clock.advanceTo(start);
    await expect.poll(async () => (await teacherSegments()).length, { timeout: 10_000 }).toBe(1);
    await sleep(3000);
    const recorder = await s.tongke.recording.recordings.active(o.occurrenceId)!;
    const running = recorder.segments.find((x) => x.spec.track === 'teacher')!;
    // Below the live media: the worker relaying the lesson wins on a node short of CPU.
    expect(getPriority(running.pid!)).toBe(10);
    expect(getPriority(s.tongke.pool.slots[0]!.worker.pid)).toBe(0);
    process.kill(running.pid!, 'SIGKILL');
    await expect.poll(async () => (await teacherSegments()).length, { timeout: 10_000 }).toBe(2);
    const m = await manifest();
    const gap = m.gaps.find((g) => g.reason === 'recorder_died')!;
    expect(gap).toMatchObject({ track: 'teacher' });
    expect(gap.to - gap.from).toBeLessThan(3000);
    await expect
      .poll(async () => (await teacherSegments())[0]!.playable, { timeout: 10_000 })
      .toBe(true);
    expect((await teacherSegments())[0]).toMatchObject({ end: 'recorder_died' });
  });

  it('goes on in a new segment within seconds after the media worker is killed', async () => {
    await sleep(3000);
    const pid = s.tongke.pool.slots[0]!.worker.pid;
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    await expect.poll(async () => (await teacherSegments()).length, { timeout: 30_000 }).toBe(3);
    const resumedAt = (await teacherSegments())[2]!.startedAt;
    console.log('worker killed → new segment', resumedAt - killedAt, 'ms');
    expect(resumedAt - killedAt).toBeLessThan(10_000);
    await sleep(3000);
    await s.clock.advanceTo(end + 1);
    const final = await stoppedManifest(s, o.occurrenceId);
    const segments = final.segments.filter((x) => x.track === 'teacher');
    expect(segments.map((x) => x.end)).toEqual(['recorder_died', 'media_lost', 'stopped']);
    expect(final.gaps.map((g) => g.reason)).toEqual(['recorder_died', 'media_lost']);
    await expectSegmentsPlay(s, final, 'teacher');
  });
});
