// Audio and video stay together in a recording: a teacher camera that flashes and a mic
// that beeps at the same instants are recorded, and in the file each beep starts within
// 100 ms of its flash.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { flashesAndBeeps } from '../../helpers/ffprobe';

const o = occurrence();
const start = Date.parse(o.start);
const end = Date.parse(o.end);

describe('a recording keeps audio and video together', () => {
  let s: LessonServer;
  let teacher: LivePeer | undefined;

  beforeAll(async () => {
    s = await startLessonServer();
  });

  afterAll(async () => {
    await teacher?.stop();
    await s?.close();
  });

  it('puts each beep within 100 ms of its flash', async () => {
    await s.clock.advanceTo(start - 4 * MIN);
    teacher = await livePeer(
      s.url,
      { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
      { flashBeep: { width: 640, height: 360 } },
    );
    await new Promise((r) => setTimeout(r, 2000));
    await s.clock.advanceTo(start);
    await new Promise((r) => setTimeout(r, 8000));
    await s.clock.advanceTo(end + 1);
    await expect
      .poll(
        async () => (await s.tongke.recording.recordings.view(o.occurrenceId))?.manifest.state,
        {
          timeout: 15_000,
        },
      )
      .toBe('stopped');
    const view = (await s.tongke.recording.recordings.view(o.occurrenceId))!;
    const segment = view.manifest.segments.find((x) => x.track === 'teacher')!;
    const file = join(s.tongke.recording.recordings.dirOf(o.occurrenceId), segment.file);
    const { flashes, beeps } = await flashesAndBeeps(file);
    const offsets = flashes
      .map(
        (f) =>
          beeps.reduce((best, b) => (Math.abs(b - f) < Math.abs(best - f) ? b : best), Infinity) -
          f,
      )
      .filter((d) => Math.abs(d) < 0.5);
    console.log(
      'flashes',
      flashes,
      'beeps',
      beeps,
      'offsets ms',
      offsets.map((d) => Math.round(d * 1000)),
    );
    expect(flashes.length).toBeGreaterThanOrEqual(5);
    expect(offsets.length).toBeGreaterThanOrEqual(flashes.length - 1);
    const sorted = [...offsets].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    // Measured here: median 7 ms, worst 21 ms (ffmpeg lines the streams up by the
    // worker's RTCP sender reports).
    console.log(
      'A/V offset median',
      Math.round(median * 1000),
      'ms; worst',
      Math.round(Math.max(...offsets.map(Math.abs)) * 1000),
      'ms',
    );
    for (const d of offsets) expect(Math.abs(d)).toBeLessThan(0.1);
  });
});
