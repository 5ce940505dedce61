// An export that once never ended: three real segments a recorded lesson left (courseware
// from 1.1 s to 5.9 s, the teacher from 1.4 s, the stage from 3.9 s, each ending before the
// recording did). Its ffmpeg composition spun a core for ever, deaf to SIGTERM, while the
// video side waited for sound an endless pad kept making. It must finish, with picture and
// sound as long as the recording.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportJobs } from '../../../server/recording/ExportJobs';
import { copyFixtureSegments, fixtureManifest } from '../../helpers/recordingFixture';
import { ffprobe } from '../../helpers/ffprobe';

const manifest = fixtureManifest;

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the export of a recording whose tracks end before it does', () => {
  it('finishes, its picture and its sound as long as the recording', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tongke-export-'));
    await copyFixtureSegments(dir);
    const jobs = new ExportJobs({
      ffmpegPath: 'ffmpeg',
      dirOf: () => dir!,
      niceness: 0,
      // The spin never advanced its output time: a stall here is the old defect.
      stallMs: 20_000,
      log: { warn() {} },
    });
    jobs.start(manifest.recordingId, manifest);
    await jobs.idle();
    expect(jobs.status(manifest.recordingId)).toMatchObject({ state: 'done' });
    const mp4 = await ffprobe(join(dir, 'export.mp4'));
    expect(mp4.video).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });
    expect(mp4.audio).toMatchObject({ codec_name: 'aac' });
    expect(Math.abs(mp4.durationS - 9.619)).toBeLessThan(0.1);
    // AAC frames of 1024 samples at 48 kHz: the sound runs to the end too (9.6 s ≈ 451).
    expect(Number(mp4.audio!.nb_read_frames)).toBeGreaterThan(440);
  }, 60_000);
});
