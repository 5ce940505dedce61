// Whether a community's lesson that goes live now is recorded, said before it does: its
// policy, the server's switch, and the recording disk above its floor (the recorder stops
// below it, so a lesson opened on a full disk is told so at the door, not found out later).
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RecordingPolicy, RecordingReadiness } from '../../shared/recording';
import { recordsLessons, type ServerRecordingDefaults } from './policy';

const MB = 1024 * 1024;

/** Pure: the readiness from what is known now (`freeBytes` undefined: not readable). */
export function readiness(
  policy: RecordingPolicy | undefined,
  defaults: ServerRecordingDefaults,
  freeBytes: number | undefined,
  minFreeBytes: number,
): RecordingReadiness {
  const disk = {
    ...(freeBytes !== undefined ? { freeMb: Math.floor(freeBytes / MB) } : {}),
    minFreeMb: Math.floor(minFreeBytes / MB),
  };
  if (!defaults.recordLessons) return { ready: false, reason: 'server_off', ...disk };
  if (!recordsLessons(policy, defaults)) return { ready: false, reason: 'community_off', ...disk };
  // An unreadable disk is not called full: the recorder finds out, and says so, when it writes.
  if (freeBytes !== undefined && freeBytes < minFreeBytes) {
    return { ready: false, reason: 'disk_low', ...disk };
  }
  return { ready: true, ...disk };
}

/** Free bytes where recordings go; the folder may not exist before the first recording. */
export async function freeBytesOf(dir: string): Promise<number | undefined> {
  for (let at = dir; ; at = dirname(at)) {
    const fs = await statfs(at).catch(() => undefined);
    if (fs) return fs.bavail * fs.bsize;
    if (dirname(at) === at) return undefined;
  }
}
