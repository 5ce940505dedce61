// Below the disk-space floor recording stops with a warning (the live room is untouched:
// the recorder is all that stops).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Recordings } from '../../../server/recording/Recordings';
import { readManifest } from '../../../server/recording/ManifestFile';

const log = { warn: () => undefined, info: () => undefined };

describe('the disk-space floor', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  const recordings = async (minFreeBytes: number) => {
    const root = await mkdtemp(join(tmpdir(), 'tongke-rec-'));
    dirs.push(root);
    return new Recordings({
      root,
      findRoom: () => undefined,
      deps: { ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', now: Date.now, log, minFreeBytes },
    });
  };

  it('stops a recording with a warning when the disk is below the floor', async () => {
    const r = await recordings(Number.MAX_SAFE_INTEGER);
    const recorder = await r.start('lesson-1', 'lesson-1', 'lesson');
    await expect.poll(() => recorder.stopped).toBe(true);
    const manifest = await readManifest(r.dirOf('lesson-1'));
    expect(manifest).toMatchObject({ state: 'disk_low' });
    expect(manifest!.warning).toMatch(/^磁盘空间不足/);
    await r.close();
  });

  it('records on above the floor', async () => {
    const r = await recordings(1);
    const recorder = await r.start('lesson-2', 'lesson-2', 'lesson');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(recorder.stopped).toBe(false);
    await r.close();
    expect(await readManifest(r.dirOf('lesson-2'))).toMatchObject({ state: 'stopped' });
  });
});
