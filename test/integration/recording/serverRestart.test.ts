// The server died while recording: when it records the lesson again, the segment that was
// being written is closed where its file ends (repaired so it plays), and the gap to the
// next segment is marked.
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../shared/recording';
import { Recordings } from '../../../server/recording/Recordings';
import { readManifest } from '../../../server/recording/ManifestFile';

const log = { warn: () => undefined, info: () => undefined };

describe('recording again after the server died', () => {
  let root: string;
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('closes and repairs the segment a dead server left open', async () => {
    root = await mkdtemp(join(tmpdir(), 'tongke-rec-'));
    const recordings = new Recordings({
      root,
      findRoom: () => undefined,
      deps: { ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', now: Date.now, log, minFreeBytes: 0 },
    });
    const dir = recordings.dirOf('lesson-1');
    await mkdir(dir, { recursive: true });
    // A recorder killed mid-write: WebM clusters, no index, no duration.
    const file = join(dir, '001-teacher.webm');
    const writer = spawn('ffmpeg', [
      '-v',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x180:rate=30',
      '-c:v',
      'libvpx',
      '-deadline',
      'realtime',
      '-cluster_time_limit',
      '1000',
      '-flush_packets',
      '1',
      '-f',
      'webm',
      file,
    ]);
    await new Promise((r) => setTimeout(r, 3500));
    writer.kill('SIGKILL');
    await new Promise((r) => writer.once('exit', r));
    const before = await promisify(execFile)('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'format=duration',
      '-of',
      'csv=p=0',
      file,
    ]);
    expect(before.stdout.trim()).toBe('N/A');
    const startedAt = Date.now() - 60_000;
    const manifest: Manifest = {
      recordingId: 'lesson-1',
      roomId: 'lesson-1',
      kind: 'lesson',
      state: 'recording',
      startedAt,
      segments: [
        {
          id: '001-teacher',
          track: 'teacher',
          peerId: 'p',
          displayName: '王老师',
          file: '001-teacher.webm',
          streams: ['video'],
          startedAt,
        },
      ],
      gaps: [],
    };
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));

    await recordings.start('lesson-1', 'lesson-1', 'lesson');
    const after = (await readManifest(dir))!;
    expect(after.state).toBe('recording');
    const [s] = after.segments;
    expect(s).toMatchObject({ end: 'recorder_died', playable: true });
    // It ends where its file ends (about 2.5–3.5 s in; a killed writer loses its last cluster).
    expect(s!.endedAt! - startedAt).toBeGreaterThan(1500);
    expect(s!.endedAt! - startedAt).toBeLessThan(4000);
    const repaired = await promisify(execFile)('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'format=duration',
      '-of',
      'csv=p=0',
      file,
    ]);
    expect(Number(repaired.stdout)).toBeGreaterThan(1.5);
    await recordings.close();
    expect((await readManifest(dir))!.state).toBe('stopped');
  });
});
