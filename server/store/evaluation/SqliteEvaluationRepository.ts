import type Database from 'better-sqlite3';
import type { LessonFacts, Review, Rubric, RubricScope } from '../../../shared/evaluation';
import { byStartThenId, byTimeThenId, type EvaluationRepository } from './EvaluationRepository';

export class SqliteEvaluationRepository implements EvaluationRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS evaluation_facts (
      occurrence_id TEXT PRIMARY KEY,
      community_id TEXT NOT NULL,
      start INTEGER NOT NULL,
      json TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS evaluation_facts_community
      ON evaluation_facts (community_id, start);
    CREATE TABLE IF NOT EXISTS evaluation_reviews (
      id TEXT PRIMARY KEY,
      occurrence_id TEXT NOT NULL,
      community_id TEXT NOT NULL,
      lesson_start INTEGER NOT NULL,
      json TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS evaluation_reviews_occurrence ON evaluation_reviews (occurrence_id);
    CREATE INDEX IF NOT EXISTS evaluation_reviews_community
      ON evaluation_reviews (community_id, lesson_start);
    CREATE TABLE IF NOT EXISTS evaluation_rubrics (
      scope TEXT NOT NULL,
      id TEXT NOT NULL,
      json TEXT NOT NULL,
      PRIMARY KEY (scope, id)
    );`);
  }

  async putFacts(facts: readonly LessonFacts[]): Promise<void> {
    const put = this.#db.prepare(
      `INSERT OR REPLACE INTO evaluation_facts VALUES (@id, @community, @start, @json)`,
    );
    // One transaction: a report's many facts cost one fsync, not one each.
    this.#db.transaction(() => {
      for (const f of facts)
        put.run({
          id: f.occurrenceId,
          community: f.communityId,
          start: f.start,
          json: JSON.stringify(f),
        });
    })();
  }

  async factsBetween(communityId: string, from: number, to: number): Promise<LessonFacts[]> {
    const rows = this.#db
      .prepare(
        `SELECT json FROM evaluation_facts WHERE community_id = ? AND start >= ? AND start < ?`,
      )
      .all(communityId, from, to) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as LessonFacts).sort(byStartThenId);
  }

  async addReview(review: Review): Promise<void> {
    this.#db
      .prepare(`INSERT INTO evaluation_reviews VALUES (?, ?, ?, ?, ?)`)
      .run(
        review.id,
        review.occurrenceId,
        review.communityId,
        review.lessonStart,
        JSON.stringify(review),
      );
  }

  async reviewsOf(occurrenceId: string): Promise<Review[]> {
    const rows = this.#db
      .prepare(`SELECT json FROM evaluation_reviews WHERE occurrence_id = ?`)
      .all(occurrenceId) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as Review).sort(byTimeThenId);
  }

  async reviewsBetween(communityId: string, from: number, to: number): Promise<Review[]> {
    const rows = this.#db
      .prepare(
        `SELECT json FROM evaluation_reviews
         WHERE community_id = ? AND lesson_start >= ? AND lesson_start < ?`,
      )
      .all(communityId, from, to) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as Review).sort(byTimeThenId);
  }

  async rubric(scope: RubricScope, id: string): Promise<Rubric | undefined> {
    const row = this.#db
      .prepare(`SELECT json FROM evaluation_rubrics WHERE scope = ? AND id = ?`)
      .get(scope, id) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Rubric) : undefined;
  }

  async setRubric(scope: RubricScope, id: string, rubric: Rubric): Promise<void> {
    this.#db
      .prepare(`INSERT OR REPLACE INTO evaluation_rubrics VALUES (?, ?, ?)`)
      .run(scope, id, JSON.stringify(rubric));
  }
}
