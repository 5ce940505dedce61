// What the set-up routes share: the stores they read, and the community's records as the
// coordinator of that community may see them (another community's: 403, logged).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TimetableRepository } from '../../store/timetable/TimetableRepository';
import type { AuthRepository } from '../../store/auth/AuthRepository';
import type { Accounts } from '../../auth/accounts';
import type { AccountIssuing } from '../../setup/accountIssuing';
import type { Community, School } from '../../../shared/timetable/model';
import { schoolsOf } from '../../timetable/community';
import { Failure } from '../../errors/Failure';
import { mayChangeSchool } from '../../timetable/access';
import { enforce } from '../timetable/common';

export interface SetupRoutesOptions {
  repo: TimetableRepository;
  users: Pick<AuthRepository, 'usersIn' | 'updateUser'>;
  accounts: Accounts;
  issuing: AccountIssuing;
  now: () => number;
}

export const tags = ['setup'];

export function setupScope(app: FastifyInstance, repo: TimetableRepository) {
  /** The community, once the asker may act in it, with its schools. */
  async function community(
    request: FastifyRequest,
    communityId: string,
  ): Promise<{ community: Community; schools: School[] }> {
    app.assertCommunity(request, communityId);
    const found = await repo.get('community', communityId);
    if (!found) throw new Failure('not_found', `no community ${communityId}`);
    return { community: found, schools: await repo.getMany('school', schoolsOf(found)) };
  }

  /** A classroom or teacher of one of the community's schools; 404 otherwise. */
  async function member<K extends 'classroom' | 'teacher'>(
    request: FastifyRequest,
    communityId: string,
    kind: K,
    id: string,
  ) {
    const { schools } = await community(request, communityId);
    const record = await repo.get(kind, id);
    if (!record || !schools.some((s) => s.id === record.schoolId))
      throw new Failure('not_found', `no ${kind} ${id} in ${communityId}`);
    // a school office (学校教务) reaches its own school's classrooms and teachers only
    ownSchool(request, record.schoolId);
    return { record, schools };
  }

  /** The school a record is in (or is moved to) is the asker's to change: 403, logged. */
  function ownSchool(request: FastifyRequest, schoolId: string) {
    enforce(request, mayChangeSchool(request.principal!, schoolId));
  }

  return { community, member, ownSchool };
}

/**
 * A school office (学校教务) account names one school of its community; no other role names
 * a school (its scope would be read as narrower than it is). 400 naming body/schoolId.
 */
export function assertOfficeSchool(
  role: string,
  schoolId: string | undefined,
  schools: Pick<School, 'id'>[],
  communityId: string,
): void {
  const bad = (message: string) =>
    new Failure('invalid_request', `body/schoolId: ${message}`, {
      details: [{ field: 'body/schoolId', message }],
    });
  if (role !== 'school_office') {
    if (schoolId !== undefined) throw bad('only a school office names a school');
    return;
  }
  if (!schoolId) throw bad('required for a school office');
  if (!schools.some((s) => s.id === schoolId)) throw bad(`no school ${schoolId} in ${communityId}`);
}
