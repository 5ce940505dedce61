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
