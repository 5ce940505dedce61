// 评课 over HTTP: an observer scores a lesson that has begun on its community's rubric; the
// review is kept with the lesson and counted in the report; a bad form names the field;
// a rubric set for the community, else for its district, is the one used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRubric, type Review } from '../../../shared/evaluation';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';

const o = occurrence();
const reviews = `/api/evaluation/lessons/${encodeURIComponent(o.occurrenceId)}/reviews`;
const full = (score = 4) => defaultRubric.criteria.map((c) => ({ criterion: c.id, score }));

describe('评课', () => {
  let s: LessonServer;
  const post = (token: string, body: unknown) =>
    s.api(reviews, { method: 'POST', token, body: JSON.stringify(body) });

  beforeAll(async () => {
    s = await startLessonServer();
    await s.clock.advanceTo(Date.parse(o.start) - 5 * MIN); // open, not begun
  });
  afterAll(() => s?.close());

  it('refuses a lesson that has not begun, then keeps a review of the live lesson', async () => {
    const early = await post(s.tokens.observer, { scores: full(), comment: '' });
    expect(early.status).toBe(409);
    await s.clock.advanceTo(Date.parse(o.start) + MIN);

    const res = await post(s.tokens.observer, { scores: full(4), comment: '  双边互动充分  ' });
    expect(res.status).toBe(201);
    const review = (await res.json()) as Review;
    expect(review).toMatchObject({
      occurrenceId: o.occurrenceId,
      reviewerName: '教研员',
      comment: '双边互动充分',
      rubric: defaultRubric,
    });
    expect(await s.tongke.store.evaluation.reviewsOf(o.occurrenceId)).toEqual([review]);

    const detail = await (
      await s.api(`/api/evaluation/lessons/${o.occurrenceId}`, { token: s.tokens.observer })
    ).json();
    expect(detail.reviews).toEqual([review]);
    expect(detail.row.reviews).toEqual({ count: 1, avgScorePct: 80 });
  });

  it('names the field of a bad form, and refuses other communities and teachers', async () => {
    const high = await post(s.tokens.observer, {
      scores: [{ criterion: 'design', score: 9 }, ...full().slice(1)],
      comment: '',
    });
    expect(high.status).toBe(400);
    expect((await high.json()).details[0]).toMatchObject({ field: 'body/scores/0/score' });
    const missing = await post(s.tokens.observer, { scores: full().slice(1), comment: '' });
    expect((await missing.json()).details[0].field).toBe('body/scores');
    const negative = await post(s.tokens.observer, {
      scores: [{ criterion: 'design', score: -1 }],
      comment: '',
    });
    expect(negative.status).toBe(400);
    expect((await negative.json()).details[0].field).toBe('body/scores/0/score');
    const noComment = await post(s.tokens.observer, { scores: full() });
    expect((await noComment.json()).details[0].field).toBe('body/comment');

    expect((await post(s.tokens.outsider, { scores: full(), comment: '' })).status).toBe(403);
    expect((await post(s.tokens.wang, { scores: full(), comment: '' })).status).toBe(403);
    expect(await s.tongke.store.evaluation.reviewsOf(o.occurrenceId)).toHaveLength(1);
  });

  it('uses the community’s rubric, else its district’s, and counts reviews in the report', async () => {
    const put = (token: string, path: string, body: unknown) =>
      s.api(`/api/evaluation/rubrics/${path}`, {
        method: 'PUT',
        token,
        body: JSON.stringify(body),
      });
    const rubricOf = async () =>
      (
        await s.api('/api/evaluation/communities/ruian-p-18/rubric', { token: s.tokens.wang })
      ).json();
    expect((await rubricOf()).source).toBe('default');

    const district = {
      name: '瑞安市评课表',
      criteria: [{ id: 'overall', label: '总体', maxScore: 10 }],
    };
    expect(
      (await put(s.tokens.outsider, `district/${encodeURIComponent('瑞安市')}`, district)).status,
    ).toBe(403);
    expect(
      (await put(s.tokens.observer, `district/${encodeURIComponent('瑞安市')}`, district)).status,
    ).toBe(200);
    expect(await rubricOf()).toEqual({ rubric: district, source: 'district' });

    const own = {
      name: '教共体评课表',
      criteria: [
        { id: 'a', label: '甲', maxScore: 5 },
        { id: 'b', label: '乙', maxScore: 5 },
      ],
    };
    const dup = { ...own, criteria: [own.criteria[0], own.criteria[0]] };
    const refused = await put(s.tokens.coordinator, 'community/ruian-p-18', dup);
    expect([refused.status, (await refused.json()).details[0].field]).toEqual([
      400,
      'body/criteria/1/id',
    ]);
    expect((await put(s.tokens.outsider, 'community/ruian-p-18', own)).status).toBe(403);
    expect((await put(s.tokens.coordinator, 'community/ruian-p-18', own)).status).toBe(200);
    expect((await rubricOf()).source).toBe('community');

    expect((await post(s.tokens.coordinator, { scores: full(), comment: '' })).status).toBe(400);
    const onOwn = await post(s.tokens.coordinator, {
      scores: [
        { criterion: 'a', score: 5 },
        { criterion: 'b', score: 5 },
      ],
      comment: '',
    });
    expect(onOwn.status).toBe(201);

    const report = await (
      await s.api('/api/evaluation/communities/ruian-p-18?from=2025-09-01&to=2025-09-01', {
        token: s.tokens.observer,
      })
    ).json();
    // 80 % on the default rubric and 100 % on the community's: 90 % on average.
    expect(report.totals.reviews).toEqual({ count: 2, lessonsReviewed: 1, avgScorePct: 90 });
    expect(report.lessons[0].reviews).toEqual({ count: 2, avgScorePct: 90 });
  });

  it('keeps the lesson’s facts as soon as it is archived, not at the next report', async () => {
    expect(await s.tongke.store.evaluation.factsBetween('ruian-p-18', 0, Infinity)).toEqual([]);
    const settings = s.tongke.lessons.lifecycle.settings;
    await s.clock.advanceTo(Date.parse(o.end) + settings.researchDurationMs + MIN);
    await s.tongke.lessons.lifecycle.idle();
    expect((await s.tongke.lessons.lifecycle.get(o.occurrenceId))!.state).toBe('archived');
    await expect
      .poll(async () =>
        (await s.tongke.store.evaluation.factsBetween('ruian-p-18', 0, Infinity)).map((f) => [
          f.occurrenceId,
          f.final,
        ]),
      )
      .toEqual([[o.occurrenceId, true]]);
  });
});
