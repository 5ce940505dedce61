// A classroom PC's token, the real way: a coordinator's one-time code traded for it.
import type { Principal } from '../../shared/auth';
import type { Accounts } from '../../server/auth/accounts';

export async function enrolDevice(
  accounts: Accounts,
  communityId: string,
  classroom: { id: string; name?: string },
): Promise<string> {
  const coordinator: Principal = {
    sub: 'coordinator-test',
    role: 'coordinator',
    name: '测试',
    communityIds: [communityId],
  };
  const { code } = await accounts.createEnrolment(coordinator, communityId, classroom);
  const enrolled = await accounts.enrol(code);
  if (!enrolled) throw new Error(`enrolment of ${classroom.id} failed`);
  return enrolled.token;
}
