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

/**
 * The brightest pixel (0–255) of a box of the frame shown at `atS` seconds: the synthetic
 * test pictures are dark with a white bar, an empty box is black.
 */
export async function maxLuma(
  file: string,
  atS: number,
  box: { x: number; y: number; w: number; h: number },
): Promise<number> {
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
      'gray',
      'pipe:1',
    ],
    { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
  );
  let max = 0;
  for (const v of stdout) max = Math.max(max, v);
  return max;
}
