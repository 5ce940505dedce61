// Two real communities in a running server: 瑞安 (ours) and 丰泽 (someone else's), with
// tokens for a coordinator of each, a teacher and a classroom PC.
import type { Principal } from '../../../../shared/auth';
import type { Community, School } from '../../../../shared/timetable/model';
import type { TestServer } from '../../../helpers/tongkeServer';
import { enrolDevice } from '../../../helpers/enrolDevice';
import { classrooms, core, member, teachers } from '../../../unit/timetable/support/world';

export const ruian: Community = {
  id: 'ruian-p-18',
  name: '瑞安市实验小学教共体',
  mode: '共建型',
  stage: 'primary',
  district: '瑞安市',
  coreSchoolId: core.id,
  memberSchoolIds: [member.id],
};
const fzCore: School = { ...core, id: 'sch-fz', name: '丰泽区实验小学', district: '丰泽区' };
const fzMember: School = {
  ...member,
  id: 'sch-fz-panshan',
  name: '丰泽区实验小学潘山分校',
  district: '丰泽区',
};
export const fengze: Community = {
  id: 'fengze-5g-01',
  name: '丰泽区实验小学5G+',
  mode: '5G+型',
  stage: 'primary',
  district: '丰泽区',
  coreSchoolId: fzCore.id,
  memberSchoolIds: [fzMember.id],
};

export async function seedWorld(server: TestServer): Promise<void> {
  await server.tongke.store.timetable.apply({
    put: {
      community: [ruian, fengze],
      school: [core, member, fzCore, fzMember],
      classroom: [...classrooms, { id: 'room-fz-1', schoolId: fzMember.id, name: '一年级教室' }],
      teacher: teachers,
    },
  });
}

export function tokenFor(
  server: TestServer,
  principal: Partial<Principal> & Pick<Principal, 'role'>,
): string {
  const p: Principal = { sub: `${principal.role}-1`, name: '测试', communityIds: [], ...principal };
  return server.tongke.tokens.sign(p, 3_600_000, server.tongke.now());
}

/** A classroom PC's token, the real way: an enrolment code traded for it. */
export const deviceTokenFor = (server: TestServer, communityId: string, classroomId: string) =>
  enrolDevice(server.tongke.lessons.accounts, communityId, { id: classroomId });

export function client(server: TestServer, token: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, body: json, headers: res.headers };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body ?? {}),
    put: (path: string, body: unknown) => call('PUT', path, body),
    del: (path: string) => call('DELETE', path),
  };
}
