// The 1+N rules of a community: one core school, N members, a school a member of at most
// one community (a core may lead two).
import type { Community } from '../../shared/timetable/model';

export function communityProblems(
  community: Community,
  others: readonly Community[],
  schoolExists: (id: string) => boolean,
): string[] {
  const problems: string[] = [];
  const members = community.memberSchoolIds;
  if (!schoolExists(community.coreSchoolId))
    problems.push(`coreSchoolId: no school ${community.coreSchoolId}`);
  members.forEach((id, i) => {
    if (!schoolExists(id)) problems.push(`memberSchoolIds/${i}: no school ${id}`);
    if (id === community.coreSchoolId)
      problems.push(`memberSchoolIds/${i}: ${id} is the core school`);
    if (members.indexOf(id) !== i) problems.push(`memberSchoolIds/${i}: ${id} listed twice`);
    const elsewhere = others.find((c) => c.id !== community.id && c.memberSchoolIds.includes(id));
    if (elsewhere)
      problems.push(`memberSchoolIds/${i}: ${id} is already a member of ${elsewhere.id}`);
  });
  return problems;
}

export const schoolsOf = (c: Community) => [c.coreSchoolId, ...c.memberSchoolIds];
