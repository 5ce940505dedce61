// A recorder process that keeps dying (a camera whose keyframes never decode, a broken
// ffmpeg) is restarted at once the first time, then less and less often: not a process
// every second for the rest of the lesson.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

const o = occurrence();

describe('a recorder that keeps dying', () => {
  let s: LessonServer;
  let teacher: LivePeer | undefined;
  let bin: string;

  beforeAll(async () => {
    bin = await mkdtemp(join(tmpdir(), 'tongke-ffmpeg-'));
    // The real ffmpeg, killed 0.3 s after it starts listening.
    const wrapper = join(bin, 'dying-ffmpeg');
    await writeFile(wrapper, '#!/bin/sh\nffmpeg "$@" &\nchild=$!\nsleep 0.3\nkill -9 $child\n');
    await chmod(wrapper, 0o755);
    s = await startLessonServer({ ffmpegPath: wrapper });
  });

  afterAll(async () => {
    await teacher?.stop();
    await s?.close();
    await rm(bin, { recursive: true, force: true });
  });

  it('backs off its restarts', async () => {
    await s.clock.advanceTo(Date.parse(o.start) - 4 * MIN);
    teacher = await livePeer(
      s.url,
      { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
      { camera: { width: 320, height: 180 }, mic: true },
    );
    await s.clock.advanceTo(Date.parse(o.start));
    await new Promise((r) => setTimeout(r, 10_000));
    const recorder = await s.tongke.recording.recordings.active(o.occurrenceId)!;
    const deaths = recorder.manifest.segments.filter((x) => x.end === 'recorder_died');
    console.log('segments in 10 s', recorder.manifest.segments.length);
    expect(deaths.length).toBeGreaterThanOrEqual(2);
    // Without backing off: a new process about every 0.9 s, over ten in 10 s.
    expect(recorder.manifest.segments.length).toBeLessThanOrEqual(6);
  });
});
