// What ffprobe reads in a media file: per stream codec, size, frames counted, duration.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProbedStream {
  codec_type: 'video' | 'audio';
  codec_name: string;
  width?: number;
  height?: number;
  nb_read_frames?: string;
  nb_read_packets?: string;
}

export interface Probed {
  durationS: number;
  streams: ProbedStream[];
  video?: ProbedStream;
  audio?: ProbedStream;
  /** decoded video frames per second over the file's duration */
  fps?: number;
}

export async function ffprobe(file: string): Promise<Probed> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-count_frames',
    '-show_entries',
    'format=duration:stream=codec_type,codec_name,width,height,nb_read_frames',
    '-of',
    'json',
    file,
  ]);
  const parsed = JSON.parse(stdout) as { format: { duration: string }; streams: ProbedStream[] };
  const durationS = Number(parsed.format.duration);
  const video = parsed.streams.find((s) => s.codec_type === 'video');
  const audio = parsed.streams.find((s) => s.codec_type === 'audio');
  return {
    durationS,
    streams: parsed.streams,
    ...(video ? { video } : {}),
    ...(audio ? { audio } : {}),
    ...(video?.nb_read_frames ? { fps: Number(video.nb_read_frames) / durationS } : {}),
  };
}

type Box = { x: number; y: number; w: number; h: number };

/** The raw pixels of a box of the frame shown at `atS` seconds, as `pixFmt` (gray, rgb24). */
async function boxPixels(file: string, atS: number, box: Box, pixFmt: string): Promise<Buffer> {
  const { stdout } = await promisify(execFile)(
    'ffmpeg',
    [
      '-v',
      'error',
      '-ss',
      String(atS),
      '-i',
      file,
      '-frames:v',
      '1',
      '-vf',
      `crop=${box.w}:${box.h}:${box.x}:${box.y}`,
      '-f',
      'rawvideo',
      '-pix_fmt',
      pixFmt,
      'pipe:1',
    ],
    { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout;
}

/**
 * The brightest pixel (0–255) of a box of the frame shown at `atS` seconds: the synthetic
 * test pictures are dark with a white bar, an empty box is black.
 */
export async function maxLuma(file: string, atS: number, box: Box): Promise<number> {
  let max = 0;
  for (const v of await boxPixels(file, atS, box, 'gray')) max = Math.max(max, v);
  return max;
}

/** The darkest pixel (0–255) of a box of the frame at `atS`: a white sheet has none dark. */
export async function minLuma(file: string, atS: number, box: Box): Promise<number> {
  let min = 255;
  for (const v of await boxPixels(file, atS, box, 'gray')) min = Math.min(min, v);
  return min;
}

/** How many pixels of a box differ by more than `by` in luma between two moments. */
export async function changedPixels(
  file: string,
  [a, b]: [number, number],
  box: Box,
  by = 60,
): Promise<number> {
  const [pa, pb] = await Promise.all([a, b].map((t) => boxPixels(file, t, box, 'gray')));
  let n = 0;
  for (let i = 0; i < pa!.length; i++) if (Math.abs(pa![i]! - pb![i]!) > by) n += 1;
  return n;
}

/** How many pixels of a box of the frame at `atS` are red (the 批注's pen colour). */
export async function redPixels(file: string, atS: number, box: Box): Promise<number> {
  const stdout = await boxPixels(file, atS, box, 'rgb24');
  let n = 0;
  for (let i = 0; i + 2 < stdout.length; i += 3) {
    if (stdout[i]! > 170 && stdout[i + 1]! < 110 && stdout[i + 2]! < 110) n += 1;
  }
  return n;
}

/** Per-frame (video) or per-10-ms (audio) levels of a file, with their times in the file. */
async function levels(file: string, kind: 'video' | 'audio'): Promise<{ t: number; v: number }[]> {
  const key = kind === 'video' ? 'lavfi.signalstats.YAVG' : 'lavfi.astats.Overall.Peak_level';
  const filter =
    kind === 'video'
      ? `signalstats,metadata=print:key=${key}:file=-`
      : `asetnsamples=480,astats=metadata=1:reset=1,ametadata=print:key=${key}:file=-`;
  const { stdout } = await promisify(execFile)(
    'ffmpeg',
    [
      '-v',
      'error',
      '-copyts',
      '-i',
      file,
      '-map',
      kind === 'video' ? '0:v' : '0:a',
      kind === 'video' ? '-vf' : '-af',
      filter,
      '-f',
      'null',
      '-',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const out: { t: number; v: number }[] = [];
  let t = 0;
  for (const line of stdout.split('\n')) {
    const time = /pts_time:([\d.]+)/.exec(line);
    if (time) t = Number(time[1]);
    const value = line.startsWith(`${key}=`) ? Number(line.slice(key.length + 1)) : undefined;
    if (value !== undefined && Number.isFinite(value)) out.push({ t, v: value });
  }
  return out;
}

/** Times (s) where the level rises above `threshold` after being below it. */
function onsets(series: { t: number; v: number }[], threshold: number): number[] {
  const out: number[] = [];
  let above = true; // an onset needs a quiet or dark moment before it
  for (const { t, v } of series) {
    if (v > threshold && !above) out.push(t);
    above = v > threshold;
  }
  return out;
}

/** When a flashing picture turns white, and a beeping sound starts, in a file's time. */
export async function flashesAndBeeps(
  file: string,
): Promise<{ flashes: number[]; beeps: number[] }> {
  const [video, audio] = await Promise.all([levels(file, 'video'), levels(file, 'audio')]);
  // dim 40 vs white 235; quiet hum about −41 dBFS vs beep about −6 dBFS
  return { flashes: onsets(video, 140), beeps: onsets(audio, -20) };
}

/** The frame shown at `atS` written as a PNG (for a person to look at). */
export async function saveFrame(file: string, atS: number, png: string): Promise<void> {
  await promisify(execFile)('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-ss',
    String(atS),
    '-i',
    file,
    '-frames:v',
    '1',
    png,
  ]);
}
