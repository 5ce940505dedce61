// 批注 at a moment of a recording: the page shown then and the strokes on it, rebuilt from
// the event log's annotation events up to that moment — so a seek either way shows exactly
// what the projectors showed. Pure, no DOM; times are the log's (ms, the media's clock).
import type { LessonEvent } from '../../shared/recording';
import type { PageBackground, PageSnapshot, Stroke } from '../../shared/signaling/annotation';

type AnnotationEvent = Extract<LessonEvent, { type: 'annotation' }>;

export interface AnnotationMoment {
  /** how many annotation events made it: the same count, the same picture */
  applied: number;
  /** the page shown (none before the teacher first annotated) */
  page: { id: string; background: PageBackground } | undefined;
  /** its strokes, oldest first (drawn in that order, the newest on top) */
  strokes: Stroke[];
}

/** The log's annotation events in the order they happened. */
export function annotationEvents(events: readonly LessonEvent[]): AnnotationEvent[] {
  return events
    .filter((e): e is AnnotationEvent => e.type === 'annotation')
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map(({ e }) => e);
}

/** How many of the (ordered) annotation events happened at or before `atMs`. */
export function appliedAt(ordered: readonly AnnotationEvent[], atMs: number): number {
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ordered[mid]!.at <= atMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function annotationAt(events: readonly LessonEvent[], atMs: number): AnnotationMoment {
  const ordered = annotationEvents(events);
  const applied = appliedAt(ordered, atMs);
  const pages = new Map<string, { background: PageBackground; strokes: Map<string, Stroke> }>();
  const pageOf = (id: string, background: PageBackground = 'screen') => {
    let page = pages.get(id);
    if (!page) {
      page = { background, strokes: new Map() };
      pages.set(id, page);
    }
    return page;
  };
  let current: string | undefined;
  for (const { annotation: a } of ordered.slice(0, applied)) {
    // Only the page shown is drawn on: whatever an event names is the page shown then.
    current = a.pageId;
    switch (a.kind) {
      case 'annotation.page':
        pageOf(a.pageId, a.background).background = a.background;
        break;
      case 'annotation.stroke':
        pageOf(a.pageId).strokes.set(a.strokeId, {
          id: a.strokeId,
          tool: a.tool,
          color: a.color,
          width: a.width,
          points: a.points,
          done: true,
        });
        break;
      case 'annotation.erase': {
        const strokes = pageOf(a.pageId).strokes;
        for (const id of a.strokeIds) strokes.delete(id);
        break;
      }
      case 'annotation.clear':
        pageOf(a.pageId).strokes.clear();
        break;
    }
  }
  const page = current === undefined ? undefined : pages.get(current)!;
  return {
    applied,
    page: current === undefined ? undefined : { id: current, background: page!.background },
    strokes: page ? [...page.strokes.values()] : [],
  };
}

/** The strokes on the page shown at `atMs`. */
export function strokesAt(events: readonly LessonEvent[], atMs: number): Stroke[] {
  return annotationAt(events, atMs).strokes;
}

/** The moment as the snapshot a screen's replica takes (client/lib/annotation/replica.ts). */
export function snapshotOf(moment: AnnotationMoment): PageSnapshot {
  const page = moment.page ?? { id: '', background: 'screen' as const };
  return {
    rev: moment.applied,
    page: { ...page, strokes: moment.strokes },
    pages: moment.page ? [moment.page] : [],
  };
}
