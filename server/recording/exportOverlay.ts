// What the export draws over the composed picture, made ready from the recording's event
// log: the whiteboard's white sheet (whiteboardSheet.ts), the 批注 strokes over each
// courseware segment (its picture's size read with ffprobe, so the strokes land on the
// picture and not on the bars beside it) or on the sheet (annotationBurn.ts), the shared
// timer (timerBurn.ts) and the question card (questionBurn.ts) — one ASS file beside the
// segments, drawn by ffmpeg's `ass` filter.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../shared/recording';
import { pictureBox, strokeLines, type CoursewareSpan } from './annotationBurn';
import { assScript } from './assScript';
import { readEvents } from './EventLog';
import { exportedSegments, MAIN } from './exportPlan';
import { videoSize } from './probe';
import { questionLines } from './questionBurn';
import { timerLines } from './timerBurn';
import { blankPageSpans, sheetLines, sheetSpans, type Span } from './whiteboardSheet';

export const OVERLAY_FILE = 'overlay.ass';

export interface Overlay {
  /** the ASS file's name; none when there is nothing to draw */
  file?: string;
  /** when a whiteboard sheet takes the main box (exportPlan lays these out as a share) */
  sheets: Span[];
}

export async function prepareOverlay(
  dir: string,
  manifest: Manifest,
  ffprobePath: string,
): Promise<Overlay> {
  await rm(join(dir, OVERLAY_FILE), { force: true });
  const events = await readEvents(dir);
  const t0 = manifest.startedAt;
  const end = manifest.endedAt ?? Math.max(t0, ...manifest.segments.map((s) => s.endedAt ?? t0));
  const segments = exportedSegments(manifest);
  const spanOf = (track: string): Span[] =>
    segments
      .filter((s) => s.track === track)
      .map((s) => ({ fromMs: s.startedAt, toMs: s.endedAt ?? end }));
  const sheets = sheetSpans(blankPageSpans(events, end), spanOf('screen'), spanOf('blackboard'));
  const courseware: CoursewareSpan[] = [];
  if (events.some((e) => e.type === 'annotation')) {
    for (const s of segments) {
      if (s.track !== 'screen') continue;
      const size = await videoSize(ffprobePath, join(dir, s.file));
      courseware.push({ fromMs: s.startedAt, toMs: s.endedAt ?? end, box: pictureBox(MAIN, size) });
    }
  }
  const ass = assScript([
    ...sheetLines(sheets, t0, MAIN),
    ...strokeLines(
      events,
      t0,
      end,
      courseware,
      sheets.map((s) => ({ ...s, box: MAIN })),
    ),
    ...timerLines(events, t0, end),
    ...questionLines(events, t0, end),
  ]);
  if (!ass) return { sheets };
  await writeFile(join(dir, OVERLAY_FILE), ass);
  return { file: OVERLAY_FILE, sheets };
}
