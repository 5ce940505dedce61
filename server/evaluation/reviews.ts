// 评课: which rubric a lesson is scored by, and whether a filled-in form fits it. Pure.
import {
  defaultRubric,
  type ReviewBody,
  type Rubric,
  type RubricReply,
} from '../../shared/evaluation';

/** A community's own rubric, else its district's, else the default. */
export function rubricFor(
  community: Rubric | undefined,
  district: Rubric | undefined,
): RubricReply {
  if (community) return { rubric: community, source: 'community' };
  if (district) return { rubric: district, source: 'district' };
  return { rubric: defaultRubric, source: 'default' };
}

export interface ReviewProblem {
  field: string;
  message: string;
}

/** Every criterion scored once, within its maximum; nothing else. */
export function reviewProblems(body: ReviewBody, rubric: Rubric): ReviewProblem[] {
  const problems: ReviewProblem[] = [];
  const criteria = new Map(rubric.criteria.map((c) => [c.id, c]));
  const seen = new Set<string>();
  body.scores.forEach((s, i) => {
    const c = criteria.get(s.criterion);
    if (!c) {
      problems.push({
        field: `body/scores/${i}/criterion`,
        message: `评课表中没有此项 not in the rubric: ${s.criterion}`,
      });
    } else if (seen.has(s.criterion)) {
      problems.push({
        field: `body/scores/${i}/criterion`,
        message: `重复评分 scored twice: ${s.criterion}`,
      });
    } else if (s.score > c.maxScore) {
      problems.push({
        field: `body/scores/${i}/score`,
        message: `「${c.label}」最高 ${c.maxScore} 分 at most ${c.maxScore}`,
      });
    }
    seen.add(s.criterion);
  });
  for (const c of rubric.criteria) {
    if (!seen.has(c.id))
      problems.push({ field: 'body/scores', message: `未评「${c.label}」 not scored: ${c.id}` });
  }
  return problems;
}

/** A rubric's criteria must have distinct ids. */
export function rubricProblems(rubric: Rubric): ReviewProblem[] {
  const seen = new Set<string>();
  const problems: ReviewProblem[] = [];
  rubric.criteria.forEach((c, i) => {
    if (seen.has(c.id))
      problems.push({ field: `body/criteria/${i}/id`, message: `重复的评分项 duplicate: ${c.id}` });
    seen.add(c.id);
  });
  return problems;
}
