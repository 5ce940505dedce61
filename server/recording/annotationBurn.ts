// 批注 burned into the export: each stroke, while the projectors showed it, as an ASS
// subtitle drawing (libass strokes a path with round caps and joins, as the screens' SVG
// does): a courseware page's strokes laid on the courseware's picture inside the export's
// main box, a whiteboard page's on its white sheet (whiteboardSheet.ts). The strokes are
// replayed by the same rules as playback (shared/annotationReplay.ts). Pure: the Dialogue
// lines out, ffmpeg's `ass` filter draws them.
import { annotationEvents, AnnotationReplay } from '../../shared/annotationReplay';
import type { LessonEvent } from '../../shared/recording';
import type { Stroke } from '../../shared/signaling/annotation';
import { assColor, dialogue } from './assScript';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A stretch of the export where strokes are laid in `box` (a picture, bars left out). */
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

export interface StrokeInterval {
  stroke: Stroke;
  fromMs: number;
  toMs: number;
  /** on a whiteboard page (drawn on its sheet, not on the courseware) */
  blank: boolean;
}

/** When each stroke was on the page shown (a page left and come back to is shown again). */
export function strokeIntervals(events: readonly LessonEvent[], endMs: number): StrokeInterval[] {
  const replay = new AnnotationReplay();
  const open = new Map<string, Omit<StrokeInterval, 'toMs'>>();
  const out: StrokeInterval[] = [];
  const close = (key: string, at: number) => {
    const o = open.get(key)!;
    open.delete(key);
    if (at > o.fromMs) out.push({ ...o, toMs: at });
  };
  for (const e of annotationEvents(events)) {
    if (e.at >= endMs) break;
    replay.apply(e.annotation);
    const page = replay.page!;
    const blank = page.background === 'blank';
    const now = new Map(replay.strokes.map((s) => [`${page.id}/${page.background}/${s.id}`, s]));
    for (const key of [...open.keys()]) if (!now.has(key)) close(key, e.at);
    for (const [key, stroke] of now) {
      if (!open.has(key)) open.set(key, { stroke, fromMs: e.at, blank });
    }
  }
  for (const key of [...open.keys()]) close(key, endMs);
  return out.sort((a, b) => a.fromMs - b.fromMs);
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

/**
 * The Dialogue lines of every stroke (layer 1, over a sheet), in ms of the export (t0 its
 * start): a courseware page's where `courseware` has its picture, a whiteboard page's where
 * `sheets` has the white sheet.
 */
export function strokeLines(
  events: readonly LessonEvent[],
  t0: number,
  endMs: number,
  courseware: readonly CoursewareSpan[],
  sheets: readonly CoursewareSpan[] = [],
): string[] {
  const lines: string[] = [];
  for (const { stroke, fromMs, toMs, blank } of strokeIntervals(events, endMs)) {
    for (const span of blank ? sheets : courseware) {
      const from = Math.max(fromMs, span.fromMs);
      const to = Math.min(toMs, span.toMs);
      if (to <= from) continue;
      // as the screens draw it: width a fraction of the picture's width, at least 1 px
      const lineWidth = Math.max(1, stroke.width * span.box.w);
      const path = strokePath(stroke, span.box, lineWidth);
      if (!path) continue;
      const alpha = stroke.tool === 'highlighter' ? '\\3a&H99&' : '';
      const style = `{\\pos(0,0)\\bord${(lineWidth / 2).toFixed(1)}\\shad0\\3c${assColor(stroke.color)}${alpha}\\p1}`;
      lines.push(dialogue(1, from - t0, to - t0, 'Ink', `${style}${path}`));
    }
  }
  return lines;
}
