import type { LessonFacts, Review, Rubric, RubricScope } from '../../../shared/evaluation';

/**
 * The evaluation's own records: each lesson's figures once they are final (so a term's
 * report never replays attendance again), the 评课 reviews kept with the lesson's occurrence
 * id, and the rubrics a district or a community set.
 */
export interface EvaluationRepository {
  /** Inserts or replaces, by occurrence id. */
  putFacts(facts: readonly LessonFacts[]): Promise<void>;
  /** Facts of the community's lessons starting in [from, to), by start. */
  factsBetween(communityId: string, from: number, to: number): Promise<LessonFacts[]>;
  addReview(review: Review): Promise<void>;
  /** Oldest first. */
  reviewsOf(occurrenceId: string): Promise<Review[]>;
  /** Reviews of the community's lessons starting in [from, to), oldest first. */
  reviewsBetween(communityId: string, from: number, to: number): Promise<Review[]>;
  rubric(scope: RubricScope, id: string): Promise<Rubric | undefined>;
  setRubric(scope: RubricScope, id: string, rubric: Rubric): Promise<void>;
}

export const byStartThenId = (a: LessonFacts, b: LessonFacts) =>
  a.start - b.start ||
  (a.occurrenceId < b.occurrenceId ? -1 : a.occurrenceId > b.occurrenceId ? 1 : 0);

export const byTimeThenId = (a: Review, b: Review) =>
  a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
