// Totals as a fold over lesson facts: counts of lessons, member-classroom attendance,
// connection quality, research minutes, material and 评课. A school's totals count only its
// own classrooms' attendance; everything else counts per lesson.
import type { ClassroomFacts, LessonFacts, Review, Totals } from '../../shared/evaluation';

export interface ReviewFigures {
  count: number;
  /** sum of each review's score as a share of its rubric's maximum (0–1) */
  shareSum: number;
}

export function emptyTotals(): Totals {
  return {
    lessons: {
      scheduled: 0,
      held: 0,
      cancelled: 0,
      moved: 0,
      missed: 0,
      upcoming: 0,
      substituted: 0,
    },
    attendance: { expected: 0, attended: 0, ratePct: 0, minutesConnected: 0, minutesPlanned: 0 },
    quality: { good: 0, fair: 0, poor: 0, none: 0, issues: {} },
    research: { held: 0, sections: 0, filled: 0, completedPct: 0, bySection: {} },
    materials: { lessons: 0, items: 0 },
    reviews: { count: 0, lessonsReviewed: 0, avgScorePct: 0 },
  };
}

/** One review's score as a share of its rubric's maximum. */
export function reviewShare(review: Pick<Review, 'rubric' | 'scores'>): number {
  const max = review.rubric.criteria.reduce((a, c) => a + c.maxScore, 0);
  const got = review.scores.reduce((a, s) => a + s.score, 0);
  return max > 0 ? got / max : 0;
}

export function reviewFigures(reviews: readonly Review[]): Map<string, ReviewFigures> {
  const by = new Map<string, ReviewFigures>();
  for (const r of reviews) {
    const f = by.get(r.occurrenceId) ?? { count: 0, shareSum: 0 };
    f.count += 1;
    f.shareSum += reviewShare(r);
    by.set(r.occurrenceId, f);
  }
  return by;
}

const pct = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;

/** Accumulates facts; `classrooms` narrows attendance and quality (a school's own rooms). */
export class TotalsBuilder {
  readonly #t = emptyTotals();
  #shareSum = 0;

  add(
    f: LessonFacts,
    reviews: ReviewFigures | undefined,
    classrooms: (c: ClassroomFacts) => boolean = () => true,
  ): this {
    const t = this.#t;
    t.lessons.scheduled += 1;
    t.lessons[f.outcome] += 1;
    if (f.moved) t.lessons.moved += 1;
    if (f.substituted) t.lessons.substituted += 1;
    if (f.outcome === 'held') {
      for (const c of f.classrooms) {
        if (!classrooms(c)) continue;
        if (c.side === 'member') {
          t.attendance.expected += 1;
          t.attendance.minutesPlanned += f.plannedMinutes;
          if (c.attended) t.attendance.attended += 1;
        }
        if (!c.attended) continue;
        t.attendance.minutesConnected += c.minutesConnected;
        t.quality[c.grade] += 1;
        for (const issue of c.issues) t.quality.issues[issue] = (t.quality.issues[issue] ?? 0) + 1;
      }
      if (f.materials > 0) {
        t.materials.lessons += 1;
        t.materials.items += f.materials;
      }
    }
    if (f.research.held) {
      t.research.held += 1;
      for (const s of f.research.sections) {
        const k = (t.research.bySection[s.kind] ??= { sections: 0, filled: 0 });
        k.sections += 1;
        t.research.sections += 1;
        if (s.filled) {
          k.filled += 1;
          t.research.filled += 1;
        }
      }
    }
    if (reviews && reviews.count > 0) {
      t.reviews.count += reviews.count;
      t.reviews.lessonsReviewed += 1;
      this.#shareSum += reviews.shareSum;
    }
    return this;
  }

  build(): Totals {
    const t = structuredClone(this.#t);
    t.attendance.ratePct = pct(t.attendance.attended, t.attendance.expected);
    t.research.completedPct = pct(t.research.filled, t.research.sections);
    t.reviews.avgScorePct = pct(this.#shareSum, t.reviews.count);
    return t;
  }
}

export function totalsOf(
  facts: readonly LessonFacts[],
  reviews: ReadonlyMap<string, ReviewFigures>,
  classrooms?: (c: ClassroomFacts) => boolean,
): Totals {
  const b = new TotalsBuilder();
  for (const f of facts) b.add(f, reviews.get(f.occurrenceId), classrooms);
  return b.build();
}
