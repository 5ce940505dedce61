// The room's 批注 as data: the lesson's pages, the one shown now, and the strokes on each.
// Pure: every change takes `now` (the server's time, for the log) and answers the message
// to fan out and the log events it makes; a refused change throws RoomError naming the
// field and leaves the board as it was (everything is checked before anything is written).
import {
  annotationLimits as limits,
  type AnnotationMessage,
  type AnnotationTool,
  type PageBackground,
  type PageInfo,
  type PageSnapshot,
  type Stroke,
} from '../../../shared/signaling/annotation';
import type { AnnotationLogEvent } from '../../../shared/signaling/annotationLog';
import type { LiveRole, RoomKind } from '../../../shared/signaling/events';
import { RoomError } from '../RoomError';

/** What one change does: the message for the screens, and what the lesson log keeps. */
export interface BoardChange {
  message: AnnotationMessage;
  log: AnnotationLogEvent[];
}

interface Page extends PageInfo {
  strokes: Map<string, Stroke>;
  points: number;
}

/** Only the teacher annotates, and only in a lesson (a research meeting has no courseware). */
export function annotationRefusal(role: LiveRole, kind: RoomKind): RoomError | undefined {
  if (kind !== 'lesson')
    return new RoomError('forbidden', '批注只用于上课 annotation is for lessons');
  if (role !== 'teacher')
    return new RoomError('forbidden', '只有主讲教师可以批注 only the teacher annotates');
  return undefined;
}

export class AnnotationBoard {
  readonly #pages: Page[] = [];
  #current: Page;
  #rev = 0;
  #points = 0;
  #nextPage = 1;

  constructor(background: PageBackground = 'screen') {
    this.#current = this.#addPage(background);
  }

  get rev(): number {
    return this.#rev;
  }

  get currentPageId(): string {
    return this.#current.id;
  }

  /** points held on every page together */
  get points(): number {
    return this.#points;
  }

  snapshot(): PageSnapshot {
    const page = this.#current;
    return {
      rev: this.#rev,
      page: {
        id: page.id,
        background: page.background,
        strokes: [...page.strokes.values()].map((s) => ({ ...s, points: [...s.points] })),
      },
      pages: this.#pages.map(({ id, background }) => ({ id, background })),
    };
  }

  beginStroke(
    p: {
      pageId: string;
      strokeId: string;
      tool: AnnotationTool;
      color: string;
      width: number;
      points: number[];
      done: boolean;
    },
    now: number,
  ): BoardChange {
    const page = this.#shown(p.pageId);
    if (page.strokes.has(p.strokeId)) {
      throw new RoomError('invalid_payload', `stroke ${p.strokeId} already exists`, '/strokeId');
    }
    if (page.strokes.size >= limits.strokesPerPage) {
      throw new RoomError(
        'forbidden',
        `此页笔画已满 a page holds at most ${limits.strokesPerPage} strokes; clear it or start a new page`,
        '/pageId',
      );
    }
    const added = this.#checkPoints(page, p.points, 0);
    const stroke: Stroke = {
      id: p.strokeId,
      tool: p.tool,
      color: p.color,
      width: p.width,
      points: [...p.points],
      done: p.done,
    };
    page.strokes.set(stroke.id, stroke);
    this.#count(page, added);
    return {
      message: {
        op: 'stroke',
        rev: ++this.#rev,
        pageId: page.id,
        stroke: { ...stroke, points: [...stroke.points] },
      },
      log: stroke.done ? [strokeLog(page.id, stroke, now)] : [],
    };
  }

  addPoints(
    p: { pageId: string; strokeId: string; points: number[]; done: boolean },
    now: number,
  ): BoardChange {
    const page = this.#shown(p.pageId);
    const stroke = page.strokes.get(p.strokeId);
    if (!stroke)
      throw new RoomError('not_found', `no stroke ${p.strokeId} on this page`, '/strokeId');
    if (stroke.done)
      throw new RoomError('forbidden', `stroke ${p.strokeId} has ended`, '/strokeId');
    const added = this.#checkPoints(page, p.points, stroke.points.length / 2);
    stroke.points.push(...p.points);
    stroke.done = p.done;
    this.#count(page, added);
    return {
      message: {
        op: 'points',
        rev: ++this.#rev,
        pageId: page.id,
        strokeId: stroke.id,
        points: [...p.points],
        done: p.done,
      },
      log: stroke.done ? [strokeLog(page.id, stroke, now)] : [],
    };
  }

  /** Removes the strokes the eraser touched; ids it does not know are ignored (already gone). */
  erase(p: { pageId: string; strokeIds: string[] }, now: number): BoardChange & { erased: number } {
    const page = this.#shown(p.pageId);
    const gone = [...new Set(p.strokeIds)].filter((id) => page.strokes.has(id));
    for (const id of gone) {
      this.#count(page, -page.strokes.get(id)!.points.length / 2);
      page.strokes.delete(id);
    }
    return {
      erased: gone.length,
      message: { op: 'erase', rev: ++this.#rev, pageId: page.id, strokeIds: gone },
      log: gone.length
        ? [{ kind: 'annotation.erase', at: now, pageId: page.id, strokeIds: gone }]
        : [],
    };
  }

  clear(p: { pageId: string }, now: number): BoardChange {
    const page = this.#shown(p.pageId);
    this.#count(page, -page.points);
    page.strokes.clear();
    return {
      message: { op: 'clear', rev: ++this.#rev, pageId: page.id },
      log: [{ kind: 'annotation.clear', at: now, pageId: page.id }],
    };
  }

  newPage(background: PageBackground, now: number): BoardChange {
    if (this.#pages.length >= limits.pages) {
      throw new RoomError(
        'forbidden',
        `一节课最多 ${limits.pages} 页 at most ${limits.pages} pages a lesson`,
      );
    }
    const log = this.#closeOpenStrokes(now);
    this.#current = this.#addPage(background);
    return this.#pageShown('new', log, now);
  }

  goToPage(pageId: string, now: number): BoardChange {
    const page = this.#pages.find((pg) => pg.id === pageId);
    if (!page) throw new RoomError('not_found', `no page ${pageId} in this lesson`, '/pageId');
    const log = page === this.#current ? [] : this.#closeOpenStrokes(now);
    this.#current = page;
    return this.#pageShown('go', log, now);
  }

  #pageShown(action: 'new' | 'go', log: AnnotationLogEvent[], now: number): BoardChange {
    ++this.#rev;
    const page = this.#current;
    log.push({
      kind: 'annotation.page',
      at: now,
      pageId: page.id,
      background: page.background,
      action,
    });
    return { message: { op: 'page', snapshot: this.snapshot() }, log };
  }

  #addPage(background: PageBackground): Page {
    const page: Page = { id: `p${this.#nextPage++}`, background, strokes: new Map(), points: 0 };
    this.#pages.push(page);
    return page;
  }

  /** The page named must be the one shown: a stale teacher page is told, not obeyed. */
  #shown(pageId: string): Page {
    if (pageId === this.#current.id) return this.#current;
    if (this.#pages.some((pg) => pg.id === pageId)) {
      throw new RoomError('forbidden', `page ${pageId} is not the page shown now`, '/pageId');
    }
    throw new RoomError('not_found', `no page ${pageId} in this lesson`, '/pageId');
  }

  /** The points' count if they fit every limit; throws naming `/points` otherwise. */
  #checkPoints(page: Page, points: number[], already: number): number {
    if (points.length % 2 !== 0) {
      throw new RoomError('invalid_payload', 'points come as x,y pairs (an even count)', '/points');
    }
    const added = points.length / 2;
    if (already + added > limits.pointsPerStroke) {
      throw new RoomError(
        'invalid_payload',
        `a stroke holds at most ${limits.pointsPerStroke} points`,
        '/points',
      );
    }
    if (
      page.points + added > limits.pointsPerPage ||
      this.#points + added > limits.pointsPerLesson
    ) {
      throw new RoomError(
        'forbidden',
        '批注已满 too many points; clear the page or start a new one',
        '/points',
      );
    }
    return added;
  }

  #count(page: Page, added: number): void {
    page.points += added;
    this.#points += added;
  }

  /** A stroke left open (the teacher's page dropped mid-stroke) ends when the page changes. */
  #closeOpenStrokes(now: number): AnnotationLogEvent[] {
    const log: AnnotationLogEvent[] = [];
    for (const stroke of this.#current.strokes.values()) {
      if (stroke.done) continue;
      stroke.done = true;
      log.push(strokeLog(this.#current.id, stroke, now));
    }
    return log;
  }
}

function strokeLog(pageId: string, s: Stroke, at: number): AnnotationLogEvent {
  return {
    kind: 'annotation.stroke',
    at,
    pageId,
    strokeId: s.id,
    tool: s.tool,
    color: s.color,
    width: s.width,
    points: [...s.points],
  };
}
