// Reading a segment back with ffprobe, and repairing one a dead process left without its
// index (a copy remux writes the cues and the duration; the media is not touched).
import { execFile } from 'node:child_process';
import { rename, rm, stat } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProbeResult {
  ok: boolean;
  /** seconds; undefined when the container does not say */
  duration?: number;
  bytes: number;
}

export async function probeSegment(ffprobePath: string, file: string): Promise<ProbeResult> {
  const bytes = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  if (bytes === 0) return { ok: false, bytes };
  try {
    const { stdout } = await run(ffprobePath, [
      '-v',
      'error',
      '-show_entries',
      'format=duration:stream=codec_type',
      '-of',
      'json',
      file,
    ]);
    const parsed = JSON.parse(stdout) as {
      format?: { duration?: string };
      streams?: { codec_type?: string }[];
    };
    const duration = Number(parsed.format?.duration);
    return {
      ok: (parsed.streams?.length ?? 0) > 0,
      bytes,
      ...(Number.isFinite(duration) ? { duration } : {}),
    };
  } catch {
    return { ok: false, bytes };
  }
}

/** Rewrites the file with a clean index, at low priority; keeps the original on failure. */
export async function repairSegment(ffmpegPath: string, file: string): Promise<boolean> {
  const tmp = file.replace(/\.(\w+)$/, '.repair.$1');
  try {
    await run('nice', [
      '-n',
      '15',
      ffmpegPath,
      '-v',
      'error',
      '-y',
      '-i',
      file,
      '-map',
      '0',
      '-c',
      'copy',
      tmp,
    ]);
    await rename(tmp, file);
    return true;
  } catch {
    await rm(tmp, { force: true });
    return false;
  }
}

/** The picture size of a file's first video stream (undefined: none, or unreadable). */
export async function videoSize(
  ffprobePath: string,
  file: string,
): Promise<{ width: number; height: number } | undefined> {
  try {
    const { stdout } = await run(ffprobePath, [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=width,height',
      '-of',
      'json',
      file,
    ]);
    const s = (JSON.parse(stdout) as { streams?: { width?: number; height?: number }[] })
      .streams?.[0];
    return s?.width && s.height ? { width: s.width, height: s.height } : undefined;
  } catch {
    return undefined;
  }
}
