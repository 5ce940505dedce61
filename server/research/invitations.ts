// Invitation links to a research room for the member classrooms' teachers, who often have
// no login: a token good for this one lesson only (Principal.occurrenceId), until the
// session closes plus a day to read the archived record.
import type { Principal } from '../../shared/auth';
import type { LessonRecord } from '../../shared/lessons';
import type { Invitation } from '../../shared/research';
import type { TokenIssuer } from '../auth/tokens';
import type { LifecycleSettings } from '../lessons/settings';

const READ_AFTER_CLOSE_MS = 24 * 3_600_000;

export function researchInvitations(
  record: LessonRecord,
  tokens: TokenIssuer,
  settings: LifecycleSettings,
  now: number,
): Invitation[] {
  const o = record.occurrence;
  const closes = record.researchClosesAt ?? Date.parse(o.end) + settings.researchDurationMs;
  const expiresAt = Math.max(closes, now) + READ_AFTER_CLOSE_MS;
  return o.memberClassroomIds.map((classroomId) => {
    const principal: Principal = {
      sub: `link:${o.occurrenceId}:${classroomId}`,
      role: 'teacher',
      name: `辅导教师（${classroomId}）`,
      communityIds: [o.communityId],
      classroomId,
      occurrenceId: o.occurrenceId,
    };
    const token = tokens.sign(principal, expiresAt - now, now);
    // The token rides in the fragment: browsers never send it, so no access log holds it.
    const query = new URLSearchParams({ occurrence: o.occurrenceId });
    const fragment = new URLSearchParams({ token });
    return { classroomId, token, url: `/research/?${query}#${fragment}`, expiresAt };
  });
}
