// A screen's copy of the board's current page, kept by the server's messages: replaced
// whole by a snapshot (join, reconnect, page change), then changed op by op. A message the
// snapshot already holds (its rev is at or below the snapshot's) is skipped. No DOM.
import type {
  AnnotationMessage,
  PageInfo,
  PageSnapshot,
  Stroke,
} from '../../../shared/signaling/annotation';

/** What changed, so a renderer redraws only that. */
export type ReplicaChange =
  | { kind: 'page' }
  | { kind: 'stroke'; strokeId: string }
  | { kind: 'erase'; strokeIds: string[] }
  | { kind: 'clear' };

export class AnnotationReplica {
  #rev = -1;
  #page: PageInfo | undefined;
  #pages: PageInfo[] = [];
  readonly #strokes = new Map<string, Stroke>();
  readonly #listeners = new Set<(change: ReplicaChange) => void>();

  get page(): PageInfo | undefined {
    return this.#page;
  }

  get pages(): readonly PageInfo[] {
    return this.#pages;
  }

  get strokes(): Stroke[] {
    return [...this.#strokes.values()];
  }

  stroke(id: string): Stroke | undefined {
    return this.#strokes.get(id);
  }

  onChange(listener: (change: ReplicaChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: ReplicaChange): void {
    for (const l of this.#listeners) l(change);
  }

  reset(snapshot: PageSnapshot): void {
    this.#rev = snapshot.rev;
    this.#page = { id: snapshot.page.id, background: snapshot.page.background };
    this.#pages = snapshot.pages.map((p) => ({ ...p }));
    this.#strokes.clear();
    for (const s of snapshot.page.strokes) this.#strokes.set(s.id, { ...s, points: [...s.points] });
    this.#emit({ kind: 'page' });
  }

  /**
   * A message from the server (`local`: the teacher's own change, applied before the server
   * has it, so no revision to compare). Messages for another page than this one are stale.
   */
  apply(m: AnnotationMessage, local = false): void {
    if (m.op === 'page') {
      if (local || m.snapshot.rev > this.#rev) this.reset(m.snapshot);
      return;
    }
    if (!local) {
      if (m.rev <= this.#rev) return;
      this.#rev = m.rev;
    }
    if (m.pageId !== this.#page?.id) return;
    switch (m.op) {
      case 'stroke':
        this.#strokes.set(m.stroke.id, { ...m.stroke, points: [...m.stroke.points] });
        this.#emit({ kind: 'stroke', strokeId: m.stroke.id });
        return;
      case 'points': {
        const stroke = this.#strokes.get(m.strokeId);
        if (!stroke) return;
        stroke.points.push(...m.points);
        stroke.done = m.done;
        this.#emit({ kind: 'stroke', strokeId: m.strokeId });
        return;
      }
      case 'erase':
        for (const id of m.strokeIds) this.#strokes.delete(id);
        this.#emit({ kind: 'erase', strokeIds: m.strokeIds });
        return;
      case 'clear':
        this.#strokes.clear();
        this.#emit({ kind: 'clear' });
        return;
    }
  }
}
