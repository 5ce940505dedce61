// The 批注 of a recording made ready for its export: the strokes (from its event log) over
// each courseware segment (its picture's size read with ffprobe, so the strokes land on the
// picture and not on the bars beside it), written as an ASS file beside the segments.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../shared/recording';
import { annotationAss, pictureBox, type CoursewareSpan } from './annotationBurn';
import { readEvents } from './EventLog';
import { exportedSegments, MAIN } from './exportPlan';
import { videoSize } from './probe';

export const INK_FILE = 'annotation.ass';

/** Writes the ASS file and answers its name; none when nothing was drawn over courseware. */
export async function prepareInk(
  dir: string,
  manifest: Manifest,
  ffprobePath: string,
): Promise<string | undefined> {
  await rm(join(dir, INK_FILE), { force: true });
  const events = await readEvents(dir);
  if (!events.some((e) => e.type === 'annotation')) return undefined;
  const t0 = manifest.startedAt;
  const end = manifest.endedAt ?? Math.max(t0, ...manifest.segments.map((s) => s.endedAt ?? t0));
  const spans: CoursewareSpan[] = [];
  for (const s of exportedSegments(manifest)) {
    if (s.track !== 'screen') continue;
    const size = await videoSize(ffprobePath, join(dir, s.file));
    spans.push({ fromMs: s.startedAt, toMs: s.endedAt ?? end, box: pictureBox(MAIN, size) });
  }
  const ass = annotationAss(events, t0, end, spans);
  if (!ass) return undefined;
  await writeFile(join(dir, INK_FILE), ass);
  return INK_FILE;
}
