// The evaluation's records on both stores: kept lesson facts by community and start, 评课
// reviews by lesson and by range, rubrics by scope; and the lessons-by-range query the
// report reads records with (more than the default page of 200).
import { describe, expect, it } from 'vitest';
import { defaultRubric, type LessonFacts, type Review } from '../../../shared/evaluation';
import { backends, useStore } from '../lessons/support/backends';
import { occurrence } from '../../unit/lessons/support/occurrences';

const DAY = 86_400_000;
const T = Date.parse('2026-09-07T08:00:00+08:00');

function facts(communityId: string, i: number, over: Partial<LessonFacts> = {}): LessonFacts {
  return {
    occurrenceId: `${communityId}-s:${i}`,
    seriesId: `${communityId}-s`,
    communityId,
    subject: '数学',
    teacherId: 't1',
    memberTeacherIds: [],
    start: T + i * DAY,
    end: T + i * DAY + 40 * 60_000,
    outcome: 'held',
    moved: false,
    substituted: false,
    plannedMinutes: 40,
    classrooms: [],
    research: { held: false, sections: [] },
    materials: 0,
    final: true,
    ...over,
  };
}

function review(id: string, occurrenceId: string, lessonStart: number, at: number): Review {
  return {
    id,
    occurrenceId,
    communityId: 'c1',
    lessonStart,
    reviewer: 'u1',
    reviewerName: '督导 李',
    at,
    rubric: defaultRubric,
    scores: [{ criterion: 'design', score: 4 }],
    comment: '互动充分',
  };
}

describe.each(backends)('evaluation repository on %s', (kind) => {
  const store = useStore(kind);

  it('keeps facts by community, finds them by start in [from, to), replaces by id', async () => {
    const repo = store().evaluation;
    await repo.putFacts([facts('c1', 2), facts('c1', 0), facts('c1', 1), facts('c2', 1)]);
    await repo.putFacts([facts('c1', 1, { outcome: 'missed' })]);
    const got = await repo.factsBetween('c1', T, T + 2 * DAY);
    expect(got.map((f) => [f.occurrenceId, f.outcome])).toEqual([
      ['c1-s:0', 'held'],
      ['c1-s:1', 'missed'],
    ]);
    expect(await repo.factsBetween('c3', 0, Infinity)).toEqual([]);
    expect(await repo.factsBetween('c1', T + 10 * DAY, T + 11 * DAY)).toEqual([]);
  });

  it('keeps reviews with their lesson, finds them by the lesson start, oldest first', async () => {
    const repo = store().evaluation;
    await repo.addReview(review('r2', 'c1-s:0', T, 200));
    await repo.addReview(review('r1', 'c1-s:0', T, 100));
    await repo.addReview(review('r3', 'c1-s:5', T + 5 * DAY, 300));
    expect((await repo.reviewsOf('c1-s:0')).map((r) => r.id)).toEqual(['r1', 'r2']);
    expect((await repo.reviewsOf('c1-s:0'))[0]).toEqual(review('r1', 'c1-s:0', T, 100));
    expect((await repo.reviewsBetween('c1', T, T + DAY)).map((r) => r.id)).toEqual(['r1', 'r2']);
    expect((await repo.reviewsBetween('c1', T, T + 6 * DAY)).map((r) => r.id)).toEqual([
      'r1',
      'r2',
      'r3',
    ]);
    expect(await repo.reviewsBetween('c2', 0, Infinity)).toEqual([]);
  });

  it('keeps a rubric per community and per district', async () => {
    const repo = store().evaluation;
    expect(await repo.rubric('community', 'c1')).toBeUndefined();
    const mine = { name: '本共同体', criteria: [{ id: 'a', label: '甲', maxScore: 10 }] };
    await repo.setRubric('community', 'c1', mine);
    await repo.setRubric('district', '瑞安市', defaultRubric);
    expect(await repo.rubric('community', 'c1')).toEqual(mine);
    expect(await repo.rubric('district', '瑞安市')).toEqual(defaultRubric);
    expect(await repo.rubric('district', 'c1')).toBeUndefined();
  });

  it('lists a community’s lesson records by start range beyond one page', async () => {
    const lessons = store().lessons;
    for (let i = 0; i < 230; i++) {
      const start = T + i * DAY;
      await lessons.create({
        occurrence: occurrence({
          occurrenceId: `s:${i}`,
          communityId: 'c1',
          start: new Date(start).toISOString(),
          end: new Date(start + 40 * 60_000).toISOString(),
        }),
        state: 'scheduled',
        transitions: [],
      });
    }
    const got = await lessons.list({
      communityId: 'c1',
      from: T + 5 * DAY,
      to: T + 225 * DAY,
      limit: Number.MAX_SAFE_INTEGER,
    });
    expect(got).toHaveLength(220);
    expect(got.at(-1)!.occurrence.occurrenceId).toBe('s:5');
  });
});
