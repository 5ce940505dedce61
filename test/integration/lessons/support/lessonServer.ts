// A real Tongke server whose lesson clock is a ManualClock, fed by an in-memory timetable,
// with a few logins of 瑞安 community ruian-p-18 and one of another community.
import type { Config } from '../../../../server/config';
import { ManualClock } from '../../../../server/lessons/clock';
import { startTongke, type TestServer } from '../../../helpers/tongkeServer';
import { enrolDevice } from '../../../helpers/enrolDevice';
import { MemoryOccurrenceSource, T0, occurrence } from '../../../unit/lessons/support/occurrences';

export interface LessonServer extends TestServer {
  clock: ManualClock;
  source: MemoryOccurrenceSource;
  /** bearer tokens by login */
  tokens: Record<'coordinator' | 'wang' | 'li' | 'observer' | 'outsider', string>;
  api(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  /** A classroom PC's device credential, as enrolment would give it (valid a day). */
  /** A classroom PC's token, the real way: an enrolment code traded for it. */
  deviceToken(classroomId: string, communityId?: string): Promise<string>;
}

export const PASSWORD = 'correct horse 电池';

/** 瑞安 ruian-p-18 (瑞安市实验小学 + 高楼镇 campuses, seed 001) and one 丰泽 community. */
async function seedCommunities(server: TestServer): Promise<void> {
  const community = (id: string, name: string, core: string, members: string[]) => ({
    id,
    name,
    mode: '协作型' as const,
    stage: 'primary' as const,
    district: id.startsWith('ruian') ? '瑞安市' : '丰泽区',
    coreSchoolId: core,
    memberSchoolIds: members,
  });
  await server.tongke.store.timetable.apply({
    put: {
      community: [
        community('ruian-p-18', '瑞安市实验小学教共体', 'sch-shiyan', ['sch-gaolou', 'sch-ningyi']),
        community('fengze-5g-01', '丰泽区实验小学教共体', 'sch-fz', ['sch-fz-panshan']),
      ],
      classroom: [
        { id: 'room-core-301', schoolId: 'sch-shiyan', name: '瑞安市实验小学 三(1)班' },
        { id: 'room-gaolou-1', schoolId: 'sch-gaolou', name: '高楼镇中心小学 三(1)班' },
        { id: 'room-ningyi-1', schoolId: 'sch-ningyi', name: '高楼镇宁益小学 三(1)班' },
        { id: 'room-fz-1', schoolId: 'sch-fz-panshan', name: '潘山分校 三(1)班' },
      ],
    },
  });
}

export async function startLessonServer(
  overrides: Partial<Config> = {},
  clock = new ManualClock(T0),
  source = new MemoryOccurrenceSource([occurrence()]),
  createUsers = true,
): Promise<LessonServer> {
  const server = await startTongke(overrides, { clock, now: clock.now, occurrences: source });
  const { accounts } = server.tongke.lessons;
  if (createUsers) await seedCommunities(server);
  const users = [
    { login: 'coordinator', name: '教务处', role: 'coordinator', communityIds: ['ruian-p-18'] },
    {
      login: 'wang',
      name: '王老师',
      role: 'teacher',
      communityIds: ['ruian-p-18'],
      teacherId: 'teacher-wang',
    },
    {
      login: 'li',
      name: '李老师',
      role: 'teacher',
      communityIds: ['ruian-p-18'],
      teacherId: 'teacher-li',
    },
    { login: 'observer', name: '教研员', role: 'observer', communityIds: ['ruian-p-18'] },
    { login: 'outsider', name: '丰泽教务', role: 'coordinator', communityIds: ['fengze-5g-01'] },
  ] as const;
  const tokens = {} as LessonServer['tokens'];
  for (const u of users) {
    if (createUsers)
      await accounts.createUser({ ...u, communityIds: [...u.communityIds], password: PASSWORD });
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: u.login, password: PASSWORD }),
    });
    tokens[u.login] = ((await res.json()) as { token: string }).token;
  }
  return {
    ...server,
    clock,
    source,
    tokens,
    deviceToken(classroomId, communityId = 'ruian-p-18') {
      return enrolDevice(server.tongke.lessons.accounts, communityId, {
        id: classroomId,
        name: classroomId,
      });
    },
    api(path, init = {}) {
      const { token, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      if (typeof rest.body === 'string') headers.set('content-type', 'application/json');
      return fetch(`${server.url}${path}`, { ...rest, headers });
    },
  };
}
