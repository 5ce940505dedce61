// A recording is on disk from its first moment and stays "recording" until its recorder has
// closed its files: a coordinator's delete in between is refused, never answered "not found".
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../../server/recording/ManifestFile';
import { Recordings } from '../../../server/recording/Recordings';

const NOW = Date.parse('2026-01-20T08:00:00Z');
const roots: string[] = [];

async function recordingsInTmp(): Promise<Recordings> {
  const root = await mkdtemp(join(tmpdir(), 'tongke-rec-'));
  roots.push(root);
  return new Recordings({
    root,
    // A lesson nobody published in: the recorder plans nothing and spawns no ffmpeg.
    findRoom: () => undefined,
    deps: {
      ffmpegPath: 'ffmpeg',
      ffprobePath: 'ffprobe',
      now: () => NOW,
      log: { warn() {}, info() {} },
      minFreeBytes: 0,
    },
  });
}

afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

describe('a recording’s life on disk', () => {
  it('has a manifest as soon as it started, before any track was recorded', async () => {
    const recordings = await recordingsInTmp();
    await recordings.start('math:2026-01-20', 'math:2026-01-20', 'lesson', 'ruian-p-18');
    const onDisk = await readManifest(recordings.dirOf('math:2026-01-20'));
    expect(onDisk).toMatchObject({ state: 'recording', communityId: 'ruian-p-18', segments: [] });
    await recordings.close();
  });

  it('counts as recording while it stops, then is stopped on disk and can be removed', async () => {
    const recordings = await recordingsInTmp();
    const id = 'math:2026-01-21';
    await recordings.start(id, id, 'lesson');
    const stopping = recordings.stop(id);
    expect(recordings.isRecording(id)).toBe(true);
    expect(await recordings.remove(id)).toBe(false);
    expect(recordings.stop(id)).toBe(stopping);
    await stopping;
    expect(recordings.isRecording(id)).toBe(false);
    expect((await recordings.view(id))?.manifest.state).toBe('stopped');
    expect(await recordings.remove(id)).toBe(true);
    expect(await recordings.view(id)).toBeUndefined();
  });

  it('a lesson reopened while its recorder closes continues the same manifest', async () => {
    const recordings = await recordingsInTmp();
    const id = 'math:2026-01-22';
    await recordings.start(id, id, 'lesson');
    const stopping = recordings.stop(id);
    const again = recordings.start(id, id, 'lesson');
    await stopping;
    const recorder = await again;
    expect(recorder.manifest.state).toBe('recording');
    expect(recordings.isRecording(id)).toBe(true);
    await recordings.close();
    expect((await readManifest(recordings.dirOf(id)))?.state).toBe('stopped');
  });
});
