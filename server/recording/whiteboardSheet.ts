// A 批注 whiteboard page in the export, as the projectors showed it (client/lib/annotation/
// projector.ts, placeAnnotations): over the shared screen it covers the courseware with a
// white sheet; with no courseware shared it is a white sheet of its own in the courseware's
// place (the layout then is the one of a share: exportPlan takes these stretches as such);
// beside a shared blackboard alone it is not shown. The strokes on it are laid on the sheet
// (annotationBurn.ts). Pure.
import { annotationEvents, AnnotationReplay } from '../../shared/annotationReplay';
import type { LessonEvent } from '../../shared/recording';
import { dialogue, rectPath } from './assScript';
import type { Box } from './annotationBurn';

/** A stretch of the recording, ms on the log's clock. */
export interface Span {
  fromMs: number;
  toMs: number;
}

/** When the page shown was a whiteboard (blank) page. */
export function blankPageSpans(events: readonly LessonEvent[], endMs: number): Span[] {
  const replay = new AnnotationReplay();
  const out: Span[] = [];
  let since: number | undefined;
  for (const e of annotationEvents(events)) {
    if (e.at >= endMs) break;
    replay.apply(e.annotation);
    const blank = replay.page?.background === 'blank';
    if (blank && since === undefined) since = e.at;
    if (!blank && since !== undefined) {
      if (e.at > since) out.push({ fromMs: since, toMs: e.at });
      since = undefined;
    }
  }
  if (since !== undefined && endMs > since) out.push({ fromMs: since, toMs: endMs });
  return out;
}

const within = (t: number, spans: readonly Span[]) =>
  spans.some((s) => t >= s.fromMs && t < s.toMs);

/**
 * When the sheet is on the export's main box: a whiteboard page shown, over the shared
 * screen or with nothing shared (a blackboard shared alone keeps the place).
 */
export function sheetSpans(
  blank: readonly Span[],
  screens: readonly Span[],
  blackboards: readonly Span[],
): Span[] {
  const cuts = new Set<number>();
  for (const s of [...blank, ...screens, ...blackboards]) cuts.add(s.fromMs).add(s.toMs);
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Span[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [a, b] = [sorted[i]!, sorted[i + 1]!];
    const t = (a + b) / 2;
    if (!within(t, blank) || (!within(t, screens) && within(t, blackboards))) continue;
    const last = out[out.length - 1];
    if (last && last.toMs === a) last.toMs = b;
    else out.push({ fromMs: a, toMs: b });
  }
  return out;
}

/** The white sheet in `box` for each stretch (layer 0: the strokes go over it). */
export function sheetLines(sheets: readonly Span[], t0: number, box: Box): string[] {
  const tags = '{\\pos(0,0)\\bord0\\shad0\\1c&HFFFFFF&\\1a&H00&\\p1}';
  return sheets.map((s) => dialogue(0, s.fromMs - t0, s.toMs - t0, 'Ink', tags + rectPath(box)));
}
