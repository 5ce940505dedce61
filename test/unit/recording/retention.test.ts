import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../shared/recording';
import { DAY, expired, sweep } from '../../../server/recording/retention';
import { Recordings } from '../../../server/recording/Recordings';

const NOW = Date.parse('2026-01-20T00:00:00Z');
const manifest = (
  id: string,
  endedAt: number | undefined,
  state: Manifest['state'] = 'stopped',
): Manifest => ({
  recordingId: id,
  roomId: id,
  kind: 'lesson',
  state,
  startedAt: (endedAt ?? NOW) - 40 * 60_000,
  ...(endedAt !== undefined ? { endedAt } : {}),
  segments: [],
  gaps: [],
});

describe('recording retention', () => {
  it('keeps what is recording, what is younger than the period, and everything at 0 days', () => {
    expect(expired(manifest('a', NOW - 31 * DAY), NOW, 30 * DAY)).toBe(true);
    expect(expired(manifest('b', NOW - 29 * DAY), NOW, 30 * DAY)).toBe(false);
    expect(expired(manifest('c', undefined, 'recording'), NOW + 99 * DAY, 30 * DAY)).toBe(false);
    expect(expired(manifest('d', NOW - 999 * DAY), NOW, 0)).toBe(false);
  });

  const roots: string[] = [];
  afterAll(async () => {
    for (const r of roots) await rm(r, { recursive: true, force: true });
  });

  it('deletes the folders of expired recordings only', async () => {
    const root = await mkdtemp(join(tmpdir(), 'tongke-ret-'));
    roots.push(root);
    const recordings = new Recordings({
      root,
      findRoom: () => undefined,
      deps: {
        ffmpegPath: 'ffmpeg',
        ffprobePath: 'ffprobe',
        now: () => NOW,
        log: { warn() {}, info() {} },
        minFreeBytes: 0,
      },
    });
    for (const [id, endedAt] of [
      ['old:2025-09-01', NOW - 200 * DAY],
      ['new:2026-01-19', NOW - DAY],
    ] as const) {
      await mkdir(recordings.dirOf(id), { recursive: true });
      await writeFile(
        join(recordings.dirOf(id), 'manifest.json'),
        JSON.stringify(manifest(id, endedAt)),
      );
      await writeFile(join(recordings.dirOf(id), '001-teacher.webm'), 'x');
    }
    expect(await sweep(recordings, NOW, 120 * DAY)).toEqual(['old:2025-09-01']);
    expect(await readdir(root)).toEqual(['new:2026-01-19']);
  });
});
