// Keeps a term's worth of recordings, not every recording forever: recordings that ended
// more than their community's retention period ago (or the server's, for a community that
// set none) are deleted (segments, event log, export), once at start and then every few
// hours. Pure choice, I/O around it.
import type { Manifest, RecordingPolicy } from '../../shared/recording';
import { readManifest } from './ManifestFile';
import { keepMsOf, type ServerRecordingDefaults } from './policy';
import type { Recordings } from './Recordings';

export { DAY } from './policy';

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
  keepMs: number | ((manifest: Manifest) => number),
): Promise<string[]> {
  const deleted: string[] = [];
  for (const id of await recordings.list()) {
    if (recordings.isRecording(id)) continue;
    const manifest = await readManifest(recordings.dirOf(id));
    if (!manifest) continue;
    const keep = typeof keepMs === 'number' ? keepMs : keepMs(manifest);
    if (!expired(manifest, now, keep)) continue;
    if (await recordings.remove(id)) deleted.push(id);
  }
  return deleted;
}

/** Sweeps now and every `everyMs`, with the communities' policies of the moment. */
export function keepFor(
  recordings: Recordings,
  defaults: ServerRecordingDefaults,
  policies: () => Promise<RecordingPolicy[]>,
  now: () => number,
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void },
  everyMs = 6 * 60 * 60_000,
): () => void {
  const once = async () => {
    const byCommunity = new Map((await policies()).map((p) => [p.communityId, p]));
    return sweep(recordings, now(), (m) => keepMsOf(m, byCommunity, defaults));
  };
  const run = () =>
    void once().then(
      (ids) => ids.length && log.info({ deleted: ids }, 'recordings past retention deleted'),
      (error: Error) => log.warn({ err: error.message }, 'recording retention sweep failed'),
    );
  run();
  const timer = setInterval(run, everyMs).unref();
  return () => clearInterval(timer);
}
