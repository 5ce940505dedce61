// 批注 replayed from a recording's event log: the page shown at a moment and the strokes on
// it, rebuilt from the annotation events up to then — so playback shows at any moment, seeking
// either way, exactly what the projectors showed, and the export burns in the same. One set
// of page rules for both. Pure; times are the log's (ms, the media's clock).
import type { LessonEvent } from './recording';
import type { AnnotationLogEvent } from './signaling/annotationLog';
import type { PageBackground, Stroke } from './signaling/annotation';

export type AnnotationEvent = Extract<LessonEvent, { type: 'annotation' }>;

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

/**
 * The board as the log tells it, one event at a time: every page's strokes, and the page
 * shown (whatever an event names: only the page shown is drawn on).
 */
export class AnnotationReplay {
  readonly #pages = new Map<string, { background: PageBackground; strokes: Map<string, Stroke> }>();
  #current: string | undefined;

  #page(id: string, background: PageBackground = 'screen') {
    let page = this.#pages.get(id);
    if (!page) {
      page = { background, strokes: new Map() };
      this.#pages.set(id, page);
    }
    return page;
  }

  apply(a: AnnotationLogEvent): void {
    this.#current = a.pageId;
    switch (a.kind) {
      case 'annotation.page': {
        const page = this.#page(a.pageId, a.background);
        page.background = a.background;
        // a new page is blank (a room made again starts its pages again from p1)
        if (a.action === 'new') page.strokes.clear();
        return;
      }
      case 'annotation.stroke':
        this.#page(a.pageId).strokes.set(a.strokeId, {
          id: a.strokeId,
          tool: a.tool,
          color: a.color,
          width: a.width,
          points: a.points,
          done: true,
        });
        return;
      case 'annotation.erase': {
        const strokes = this.#page(a.pageId).strokes;
        for (const id of a.strokeIds) strokes.delete(id);
        return;
      }
      case 'annotation.clear':
        this.#page(a.pageId).strokes.clear();
        return;
    }
  }

  /** the page shown (none before the teacher first annotated) */
  get page(): { id: string; background: PageBackground } | undefined {
    if (this.#current === undefined) return undefined;
    return { id: this.#current, background: this.#pages.get(this.#current)!.background };
  }

  /** the strokes of the page shown, oldest first */
  get strokes(): Stroke[] {
    const page = this.#current === undefined ? undefined : this.#pages.get(this.#current);
    return page ? [...page.strokes.values()] : [];
  }
}

export function annotationAt(events: readonly LessonEvent[], atMs: number): AnnotationMoment {
  const ordered = annotationEvents(events);
  const applied = appliedAt(ordered, atMs);
  const replay = new AnnotationReplay();
  for (const e of ordered.slice(0, applied)) replay.apply(e.annotation);
  return { applied, page: replay.page, strokes: replay.strokes };
}

/** The strokes on the page shown at `atMs`. */
export function strokesAt(events: readonly LessonEvent[], atMs: number): Stroke[] {
  return annotationAt(events, atMs).strokes;
}
