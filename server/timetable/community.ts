// The 1+N rules of a community: one core school, N members, a school a member of at most
// one community (a core may lead two).
import type { Community } from '../../shared/timetable/model';
import { problem, type FieldProblem } from './fieldProblem';

export function communityProblems(
  community: Community,
  others: readonly Community[],
  schoolExists: (id: string) => boolean,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const members = community.memberSchoolIds;
  if (!schoolExists(community.coreSchoolId))
    problems.push(problem('coreSchoolId', 'no_school', { id: community.coreSchoolId }));
  members.forEach((id, i) => {
    const field = `memberSchoolIds/${i}`;
    if (!schoolExists(id)) problems.push(problem(field, 'no_school', { id }));
    if (id === community.coreSchoolId) problems.push(problem(field, 'is_core_school', { id }));
    if (members.indexOf(id) !== i) problems.push(problem(field, 'listed_twice', { id }));
    const elsewhere = others.find((c) => c.id !== community.id && c.memberSchoolIds.includes(id));
    if (elsewhere)
      problems.push(problem(field, 'member_elsewhere', { id, community: elsewhere.id }));
  });
  return problems;
}

export const schoolsOf = (c: Community) => [c.coreSchoolId, ...c.memberSchoolIds];
