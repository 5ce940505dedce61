// The ffmpeg command that composes one MP4 from a recording's segments: a 1280×720
// picture laid out as the projectors showed it at each moment (courseware large with the
// teacher and the stage beside it while a screen or blackboard was shared; else the teacher
// large with the stage beside), the teacher's and the stage's sound mixed, and the 批注 over
// the courseware, a whiteboard's sheet, the shared timer and the question card when an ASS
// file of them is given (exportOverlay.ts; a sheet with nothing shared is laid out as a
// share). Pure: tested without running it.
import type { Manifest, Segment } from '../../shared/recording';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** where the courseware is (and the teacher, while there is none) */
export const MAIN: Box = { x: 0, y: 90, w: 960, h: 540 };
const SIDE_TOP: Box = { x: 960, y: 90, w: 320, h: 180 };
const SIDE_BOTTOM: Box = { x: 960, y: 270, w: 320, h: 180 };
/** every box a video is ever in (the teaching tools are drawn outside them all) */
export const VIDEO_BOXES: readonly Box[] = [MAIN, SIDE_TOP, SIDE_BOTTOM];
/**
 * The shared timer: in the band above the main box, centred over it, as the projectors
 * put it at the top centred over the courseware. No video is ever there: it covers
 * neither the teacher's face nor the courseware, in either layout.
 */
export const TIMER_BOX: Box = { x: 300, y: 8, w: 360, h: 74 };
/**
 * The question card: on the right, below the teacher's and the stage's tiles, as the
 * projectors put it on the right; the one corner of the frame no video ever takes.
 */
export const QUESTION_BOX: Box = { x: 968, y: 458, w: 304, h: 254 };

export interface ExportPlan {
  args: string[];
  durationS: number;
}

type Interval = [number, number];

/** Seconds since the recording's start, rounded to ms. */
const sec = (ms: number) => Math.round(ms) / 1000;

/** Where courseware was on screen, as intervals of seconds. */
function coursewareIntervals(segments: Segment[], t0: number, end: number): Interval[] {
  return segments
    .filter((s) => s.track === 'screen' || s.track === 'blackboard')
    .map((s): Interval => [sec(s.startedAt - t0), sec((s.endedAt ?? end) - t0)]);
}

function within(t: number, intervals: Interval[]): boolean {
  return intervals.some(([a, b]) => t >= a && t < b);
}

/** Cuts [a, b] at every courseware boundary: each piece has one layout. */
function pieces([a, b]: Interval, courseware: Interval[]): { iv: Interval; shared: boolean }[] {
  const cuts = new Set([a, b]);
  for (const [x, y] of courseware) {
    if (x > a && x < b) cuts.add(x);
    if (y > a && y < b) cuts.add(y);
  }
  const sorted = [...cuts].sort((p, q) => p - q);
  const out: { iv: Interval; shared: boolean }[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const iv: Interval = [sorted[i]!, sorted[i + 1]!];
    out.push({ iv, shared: within((iv[0] + iv[1]) / 2, courseware) });
  }
  return out;
}

function boxFor(track: Segment['track'], shared: boolean): Box {
  if (track === 'screen' || track === 'blackboard') return MAIN;
  if (track === 'teacher') return shared ? SIDE_TOP : MAIN;
  return shared ? SIDE_BOTTOM : SIDE_TOP;
}

/** The segments the export composes: what was read back and has ended. */
export const exportedSegments = (manifest: Manifest): Segment[] =>
  manifest.segments.filter((s) => s.playable !== false && s.endedAt !== undefined);

export function exportPlan(
  manifest: Manifest,
  dirOf: (file: string) => string,
  outFile: string,
  options: {
    /** an ASS file of what is drawn over the picture (a plain name: ffmpeg runs in the folder) */
    ink?: string;
    /** when a whiteboard sheet takes the main box (ms, the log's clock): laid out as a share */
    sheets?: readonly { fromMs: number; toMs: number }[];
  } = {},
): ExportPlan {
  const t0 = manifest.startedAt;
  const end = manifest.endedAt ?? Math.max(t0, ...manifest.segments.map((s) => s.endedAt ?? t0));
  const durationS = sec(end - t0);
  const segments = exportedSegments(manifest);
  const courseware = [
    ...coursewareIntervals(segments, t0, end),
    ...(options.sheets ?? []).map((s): Interval => [sec(s.fromMs - t0), sec(s.toMs - t0)]),
  ];
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-y'];
  const filters: string[] = [`color=c=black:s=1280x720:r=30:d=${durationS}[base0]`];
  const audio: string[] = [];
  let base = 'base0';
  let n = 0;
  segments.forEach((s, input) => {
    args.push('-i', dirOf(s.file));
    const offset = sec(s.startedAt - t0);
    const span: Interval = [offset, sec((s.endedAt ?? end) - t0)];
    if (s.streams.includes('video')) {
      const parts = pieces(span, courseware);
      filters.push(
        // The file's own timestamps (ffmpeg starts each input at 0) keep where its video
        // starts inside it: a first keyframe that came late stays late.
        `[${input}:v]setpts=PTS+${offset}/TB,split=${parts.length}${parts
          .map((_, k) => `[s${input}p${k}]`)
          .join('')}`,
      );
      parts.forEach(({ iv, shared }, k) => {
        const box = boxFor(s.track, shared);
        const label = `base${++n}`;
        filters.push(
          `[s${input}p${k}]scale=${box.w}:${box.h}:force_original_aspect_ratio=decrease,` +
            `pad=${box.w}:${box.h}:(ow-iw)/2:(oh-ih)/2[v${input}p${k}]`,
          `[${base}][v${input}p${k}]overlay=${box.x}:${box.y}:eof_action=pass:` +
            `enable='between(t,${iv[0]},${iv[1]})'[${label}]`,
        );
        base = label;
      });
    }
    if (s.streams.includes('audio')) {
      const ms = Math.round(offset * 1000);
      filters.push(`[${input}:a]asetpts=PTS-STARTPTS,adelay=${ms}|${ms}[a${input}]`);
      audio.push(`[a${input}]`);
    }
  });
  if (options.ink) {
    if (!/^[\w.-]+$/.test(options.ink)) throw new Error(`not a plain file name: ${options.ink}`);
    filters.push(`[${base}]ass=${options.ink}[ink]`);
    base = 'ink';
  }
  // The sound is laid on silence of the recording's length, which ends it. (An endless
  // `apad` cut by `atrim` made ffmpeg 5.1 spin for ever on some recordings: the video side
  // kept asking and the pad kept making samples the trim threw away.)
  const silence = `anullsrc=r=48000:cl=stereo:d=${durationS}`;
  if (audio.length > 0) {
    filters.push(
      `${silence}[asilence]`,
      `[asilence]${audio.join('')}amix=inputs=${audio.length + 1}:duration=first:` +
        `normalize=0:dropout_transition=0[aout]`,
    );
  } else {
    filters.push(`${silence}[aout]`);
  }
  args.push(
    '-filter_complex',
    filters.join(';'),
    '-map',
    `[${base}]`,
    '-map',
    '[aout]',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '23',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-t',
    String(durationS),
    '-movflags',
    '+faststart',
    '-progress',
    'pipe:1',
    outFile,
  );
  return { args, durationS };
}
