// Faults during a recorded lesson heal by themselves: a recorder process that dies is
// restarted in a new segment with the gap marked, and a killed media worker leaves two
// playable segments, the second starting within seconds of the rebuild.
import { getPriority } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Manifest } from '../../../shared/recording';
import { occurrence, MIN } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { ffprobe } from '../../helpers/ffprobe';

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
    const teacher = await livePeer(
      s.url,
      { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    const classroom = await livePeer(s.url, {
      roomId: o.occurrenceId,
      token: await s.deviceToken('room-gaolou-1'),
      displayName: '高楼镇中心小学 三(1)班',
    });
    peers.push(teacher, classroom);
    await (
      await classroom.waitForTrack(teacher.client.session!.peerId, 'camera')
    ).video!.waitFor(5);
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
    await expect.poll(() => s.tongke.recording.recordings.isRecording(o.occurrenceId)).toBe(false);
    let final: Manifest | undefined;
    await expect
      .poll(
        async () => {
          const res = await s.api(`/api/recordings/${encodeURIComponent(o.occurrenceId)}`, {
            token: s.tokens.wang,
          });
          final = ((await res.json()) as { manifest: Manifest }).manifest;
          return final.state;
        },
        { timeout: 15_000 },
      )
      .toBe('stopped');
    const segments = final!.segments.filter((x) => x.track === 'teacher');
    expect(segments.map((x) => x.end)).toEqual(['recorder_died', 'media_lost', 'stopped']);
    expect(final!.gaps.map((g) => g.reason)).toEqual(['recorder_died', 'media_lost']);
    const dir = s.tongke.recording.recordings.dirOf(o.occurrenceId);
    for (const segment of segments) {
      const probed = await ffprobe(join(dir, segment.file));
      console.log(segment.id, segment.end, JSON.stringify(probed));
      expect(segment.playable).toBe(true);
      expect(probed.video).toMatchObject({ codec_name: 'vp8' });
      expect(probed.audio).toMatchObject({ codec_name: 'opus' });
      const expected = (segment.endedAt! - segment.startedAt) / 1000;
      // A killed process loses at most its last cluster (1 s).
      expect(Math.abs(probed.durationS - expected)).toBeLessThan(1.5);
    }
  });
});
