// Invitation links to a research room for the member classrooms' teachers, who often have
// no login: a token good for this one lesson only (Principal.occurrenceId), until the
// session closes plus a day to read the archived record. The link itself carries a one-time
// sign-in code, not the token: the page trades it once and drops it from the address bar.
import type { Principal } from '../../shared/auth';
import type { LessonRecord } from '../../shared/lessons';
import type { Invitation } from '../../shared/research';
import type { SignInCodes } from '../auth/signInCodes';
import type { TokenIssuer } from '../auth/tokens';
import type { LifecycleSettings } from '../lessons/settings';

const READ_AFTER_CLOSE_MS = 24 * 3_600_000;
/** an invitation link works once, within a week of being made */
const LINK_CODE_TTL_MS = 7 * 24 * 3_600_000;

export async function researchInvitations(
  record: LessonRecord,
  tokens: TokenIssuer,
  codes: Pick<SignInCodes, 'mint'>,
  settings: LifecycleSettings,
  now: number,
): Promise<Invitation[]> {
  const o = record.occurrence;
  const closes = record.researchClosesAt ?? Date.parse(o.end) + settings.researchDurationMs;
  const expiresAt = Math.max(closes, now) + READ_AFTER_CLOSE_MS;
  const links = o.memberClassroomIds.map(async (classroomId) => {
    const principal: Principal = {
      sub: `link:${o.occurrenceId}:${classroomId}`,
      role: 'teacher',
      name: `辅导教师（${classroomId}）`,
      communityIds: [o.communityId],
      classroomId,
      occurrenceId: o.occurrenceId,
    };
    const token = tokens.sign(principal, expiresAt - now, now);
    // The code rides in the fragment (browsers never send it, so no access log holds it)
    // and works once: a link found later in a history or a forwarded message opens nothing.
    const code = await codes.mint(principal, LINK_CODE_TTL_MS, expiresAt);
    const query = new URLSearchParams({ occurrence: o.occurrenceId });
    const fragment = new URLSearchParams({ code });
    return { classroomId, token, url: `/research/?${query}#${fragment}`, expiresAt };
  });
  return Promise.all(links);
}
