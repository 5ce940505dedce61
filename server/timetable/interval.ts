// Interval algebra over half-open {start, end} ranges (ms since epoch or minutes of a day):
// the few operations scheduling needs, each a pure function.

export interface Interval {
  start: number;
  end: number;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

export function intersect(a: Interval, b: Interval): Interval | undefined {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start < end ? { start, end } : undefined;
}

export function overlapLength(a: Interval, b: Interval): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** What is left of `a` after taking `b` away: zero, one or two intervals. */
export function subtract(a: Interval, b: Interval): Interval[] {
  if (!overlaps(a, b)) return [a];
  const left = b.start > a.start ? [{ start: a.start, end: b.start }] : [];
  const right = b.end < a.end ? [{ start: b.end, end: a.end }] : [];
  return [...left, ...right];
}

/** Sorted, with touching or overlapping intervals joined. */
export function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((x, y) => x.start - y.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

/**
 * Intervals of one resource, sorted by start, answering "which overlap this one?" by binary
 * search: lessons are short, so only the few starting within the longest length before the
 * query can reach into it.
 */
export class IntervalList<T extends Interval> {
  #items: T[] = [];
  #sorted = true;
  #maxLength = 0;

  add(item: T): void {
    const last = this.#items[this.#items.length - 1];
    if (last && item.start < last.start) this.#sorted = false;
    this.#items.push(item);
    this.#maxLength = Math.max(this.#maxLength, item.end - item.start);
  }

  get size(): number {
    return this.#items.length;
  }

  overlapping(query: Interval): T[] {
    if (!this.#sorted) {
      this.#items.sort((a, b) => a.start - b.start);
      this.#sorted = true;
    }
    const items = this.#items;
    const from = query.start - this.#maxLength;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (items[mid]!.start < from) lo = mid + 1;
      else hi = mid;
    }
    const out: T[] = [];
    for (let i = lo; i < items.length && items[i]!.start < query.end; i++) {
      if (overlaps(items[i]!, query)) out.push(items[i]!);
    }
    return out;
  }
}
