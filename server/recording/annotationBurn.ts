// 批注 burned into the export: each stroke, while the projectors showed it over the
// courseware, as an ASS subtitle drawing (libass strokes a path with round caps and joins,
// as the screens' SVG does), laid on the courseware's picture inside the export's main box.
// The strokes are replayed by the same rules as playback (shared/annotationReplay.ts). Pure:
// the ASS text out, ffmpeg's `ass` filter draws it.
import { annotationEvents, AnnotationReplay } from '../../shared/annotationReplay';
import type { LessonEvent } from '../../shared/recording';
import type { Stroke } from '../../shared/signaling/annotation';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A stretch of the export where the courseware is in `box` (its picture, bars left out). */
export interface CoursewareSpan {
  fromMs: number;
  toMs: number;
  box: Box;
}

/** Where a `contain`-fitted picture of `size` sits inside `box` (the export pads it so). */
export function pictureBox(box: Box, size: { width: number; height: number } | undefined): Box {
  if (!size || size.width <= 0 || size.height <= 0) return box;
  const scale = Math.min(box.w / size.width, box.h / size.height);
  const w = size.width * scale;
  const h = size.height * scale;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

/** When each stroke was on the page shown (a page left and come back to is shown again). */
export function strokeIntervals(
  events: readonly LessonEvent[],
  endMs: number,
): { stroke: Stroke; fromMs: number; toMs: number }[] {
  const replay = new AnnotationReplay();
  const open = new Map<string, { stroke: Stroke; fromMs: number }>();
  const out: { stroke: Stroke; fromMs: number; toMs: number }[] = [];
  const close = (key: string, at: number) => {
    const o = open.get(key)!;
    open.delete(key);
    if (at > o.fromMs) out.push({ ...o, toMs: at });
  };
  for (const e of annotationEvents(events)) {
    if (e.at >= endMs) break;
    replay.apply(e.annotation);
    // A whiteboard page hides the courseware: the export has no sheet to draw it on.
    const page = replay.page!;
    const shown = page.background === 'blank' ? [] : replay.strokes;
    const now = new Map(shown.map((s) => [`${page.id}/${s.id}`, s]));
    for (const key of [...open.keys()]) if (!now.has(key)) close(key, e.at);
    for (const [key, stroke] of now) if (!open.has(key)) open.set(key, { stroke, fromMs: e.at });
  }
  for (const key of [...open.keys()]) close(key, endMs);
  return out.sort((a, b) => a.fromMs - b.fromMs);
}

/** ASS time: H:MM:SS.cc */
function assTime(s: number): string {
  const cs = Math.max(0, Math.round(s * 100));
  const h = Math.floor(cs / 360_000);
  const m = Math.floor((cs % 360_000) / 6000);
  const sec = Math.floor((cs % 6000) / 100);
  const c = cs % 100;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${h}:${two(m)}:${two(sec)}.${two(c)}`;
}

/** #rrggbb as ASS's &HBBGGRR& */
function assColor(hex: string): string {
  const [r, g, b] = [hex.slice(1, 3), hex.slice(3, 5), hex.slice(5, 7)];
  return `&H${b}${g}${r}&`.toUpperCase();
}

/**
 * The stroke's path in export pixels, there and back: libass closes every drawing, and a
 * path that comes back on itself closes onto itself, so only its line shows.
 */
export function strokePath(stroke: Stroke, box: Box, lineWidth: number): string {
  const p = stroke.points;
  const xy = (i: number): [number, number] => [box.x + p[i]! * box.w, box.y + p[i + 1]! * box.h];
  let pts: [number, number][] = [];
  for (let i = 0; i + 1 < p.length; i += 2) pts.push(xy(i));
  if (pts.length === 0) return '';
  if (stroke.tool === 'arrow' && pts.length >= 2) {
    const [x0, y0] = pts[0]!;
    const [x1, y1] = pts[pts.length - 1]!;
    const angle = Math.atan2(y1 - y0, x1 - x0);
    const head = Math.max(lineWidth * 4, 10);
    const wing = (a: number): [number, number] => [
      x1 - head * Math.cos(angle + a),
      y1 - head * Math.sin(angle + a),
    ];
    pts = [pts[0]!, [x1, y1], wing(0.45), [x1, y1], wing(-0.45), [x1, y1]];
  }
  // a tap is a dot: a line a tenth of a pixel long, with round caps
  if (pts.length === 1) pts.push([pts[0]![0] + 0.1, pts[0]![1]]);
  const there = pts.map(([x, y]) => `${x.toFixed(1)} ${y.toFixed(1)}`);
  const back = there.slice(0, -1).reverse();
  return `m ${there[0]} l ${[...there.slice(1), ...back].join(' ')}`;
}

const HEADER = `[Script Info]
ScriptType: v4.00+
PlayResX: 1280
PlayResY: 720
WrapStyle: 2
ScaledBorderAndShadow: yes

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Ink,sans-serif,20,&HFF000000,&HFF000000,&H00000000,&HFF000000,0,0,0,0,100,100,0,0,1,1,0,7,0,0,0,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
`;

/**
 * The ASS file of every stroke over the courseware, in seconds of the export (t0 its start);
 * undefined when no stroke was over the courseware (the export then has no `ass` filter).
 */
export function annotationAss(
  events: readonly LessonEvent[],
  t0: number,
  endMs: number,
  courseware: readonly CoursewareSpan[],
): string | undefined {
  const lines: string[] = [];
  for (const { stroke, fromMs, toMs } of strokeIntervals(events, endMs)) {
    for (const span of courseware) {
      const from = Math.max(fromMs, span.fromMs);
      const to = Math.min(toMs, span.toMs);
      if (to <= from) continue;
      // as the screens draw it: width a fraction of the picture's width, at least 1 px
      const lineWidth = Math.max(1, stroke.width * span.box.w);
      const path = strokePath(stroke, span.box, lineWidth);
      if (!path) continue;
      const alpha = stroke.tool === 'highlighter' ? '\\3a&H99&' : '';
      const style = `{\\pos(0,0)\\bord${(lineWidth / 2).toFixed(1)}\\shad0\\3c${assColor(stroke.color)}${alpha}\\p1}`;
      lines.push(
        `Dialogue: 0,${assTime((from - t0) / 1000)},${assTime((to - t0) / 1000)},Ink,,0,0,0,,${style}${path}`,
      );
    }
  }
  return lines.length ? HEADER + lines.join('\n') + '\n' : undefined;
}
