// Keeps a term's worth of recordings, not every recording forever: recordings that ended
// more than the retention period ago are deleted (segments, event log, export), once at
// start and then every few hours. Pure choice, I/O around it.
import { rm } from 'node:fs/promises';
import type { Manifest } from '../../shared/recording';
import { readManifest } from './ManifestFile';
import type { Recordings } from './Recordings';

export const DAY = 24 * 60 * 60_000;

/** Whether a recording is past keeping: stopped, and ended longer ago than `keepMs`. */
export function expired(manifest: Manifest, now: number, keepMs: number): boolean {
  if (keepMs <= 0 || manifest.state === 'recording') return false;
  const ended = manifest.endedAt ?? manifest.startedAt;
  return now - ended > keepMs;
}

/** Deletes the expired recordings; returns their ids. */
export async function sweep(
  recordings: Recordings,
  now: number,
  keepMs: number,
): Promise<string[]> {
  const deleted: string[] = [];
  for (const id of await recordings.list()) {
    if (recordings.isRecording(id)) continue;
    const manifest = await readManifest(recordings.dirOf(id));
    if (!manifest || !expired(manifest, now, keepMs)) continue;
    await rm(recordings.dirOf(id), { recursive: true, force: true });
    deleted.push(id);
  }
  return deleted;
}

/** Sweeps now and every `everyMs`; returns the stop function. */
export function keepFor(
  recordings: Recordings,
  keepDays: number,
  now: () => number,
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void },
  everyMs = 6 * 60 * 60_000,
): () => void {
  if (keepDays <= 0) return () => {};
  const run = () =>
    void sweep(recordings, now(), keepDays * DAY).then(
      (ids) => ids.length && log.info({ deleted: ids }, 'recordings past retention deleted'),
      (error: Error) => log.warn({ err: error.message }, 'recording retention sweep failed'),
    );
  run();
  const timer = setInterval(run, everyMs).unref();
  return () => clearInterval(timer);
}
