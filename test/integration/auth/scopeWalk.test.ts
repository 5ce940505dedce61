// Every role of another scope (丰泽's district, coordinator, school office, teacher, classroom
// PC, observer) walked against 瑞安's data on the routes beyond the timetable: set-up,
// lessons, research, recording, evaluation, audit and accounts. Each is a 403 with a log
// line naming who asked; the same routes answer 瑞安's own coordinator (so a 403 here is
// the scope, not a broken route).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import {
  client,
  deviceTokenFor,
  fengze,
  ruian,
  seedWorld,
  tokenFor,
} from '../timetable/support/world';

const c = ruian.id;
/** method, path, body: one route of each area, asked about 瑞安 */
const routes: [string, string, unknown?][] = [
  ['GET', `/setup/communities/${c}/directory`],
  [
    'POST',
    `/setup/communities/${c}/accounts`,
    { login: 'walk-new', name: '新人', role: 'observer', delivery: 'password' },
  ],
  [
    'PUT',
    `/setup/communities/${c}/classrooms/room-gaolou-1`,
    { schoolId: 'sch-gaolou', name: '三年级教室' },
  ],
  ['POST', `/setup/communities/${c}/teachers/teacher-zhao/restore`],
  ['GET', `/setup/communities/${c}/downlink-budgets`],
  ['PUT', `/setup/communities/${c}/schools/sch-gaolou/downlink-budget`, { downlinkKbps: 2000 }],
  ['GET', `/lessons?communityId=${c}`],
  ['GET', `/research?communityId=${c}`],
  ['GET', `/communities/${c}/recording-policy`],
  ['GET', `/recordings?communityId=${c}`],
  ['GET', `/evaluation/communities/${c}`],
  ['GET', `/evaluation/communities/${c}/export.xlsx`],
  ['GET', `/audit?communityId=${c}`],
  ['GET', `/devices?communityId=${c}`],
  [
    'POST',
    '/auth/users',
    {
      login: 'walk-user',
      name: '新人',
      role: 'observer',
      password: 'long-enough-1',
      communityIds: [c],
    },
  ],
];

describe('each role against another scope, beyond the timetable', () => {
  let server: TestServer;
  const logs: string[] = [];
  let as: Record<string, ReturnType<typeof client>>;
  let own: ReturnType<typeof client>;
  let ruianUser = '';

  beforeAll(async () => {
    server = await startTongke({ logLevel: 'warn' });
    const root = server.tongke.http.log;
    const child = root.child.bind(root);
    root.child = ((...args: Parameters<typeof root.child>) => {
      const ch = child(...args);
      const warn = ch.warn.bind(ch);
      ch.warn = ((obj: unknown, msg?: string) => {
        logs.push(`${msg ?? ''} ${JSON.stringify(obj)}`);
        return warn(obj as object, msg);
      }) as typeof ch.warn;
      return ch;
    }) as typeof root.child;
    await seedWorld(server);
    const token = (p: Parameters<typeof tokenFor>[1]) => client(server, tokenFor(server, p));
    as = {
      district: token({ role: 'district', sub: 'walk-district', district: fengze.district }),
      coordinator: token({ role: 'coordinator', sub: 'walk-coord', communityIds: [fengze.id] }),
      school_office: token({
        role: 'school_office',
        sub: 'walk-office',
        schoolId: 'sch-fz-panshan',
        communityIds: [fengze.id],
      }),
      teacher: token({ role: 'teacher', sub: 'walk-teacher', communityIds: [fengze.id] }),
      device: client(server, await deviceTokenFor(server, fengze.id, 'room-fz-1')),
      observer: token({ role: 'observer', sub: 'walk-observer', communityIds: [fengze.id] }),
    };
    own = token({ role: 'coordinator', communityIds: [ruian.id] });
    const made = await own.post('/auth/users', {
      login: 'ruian-li',
      name: '李老师',
      role: 'observer',
      password: 'long-enough-1',
      communityIds: [ruian.id],
    });
    ruianUser = (made.body as { id: string }).id;
    routes.push(['POST', `/auth/users/${ruianUser}/disable`]);
  });
  afterAll(() => server?.close());

  const call = (who: ReturnType<typeof client>, [method, path, body]: (typeof routes)[number]) =>
    method === 'GET'
      ? who.get(path)
      : method === 'PUT'
        ? who.put(path, body)
        : who.post(path, body ?? {});

  it("answers 瑞安's own coordinator on every one of these routes", async () => {
    for (const route of routes.filter(([, p]) => !p.endsWith('/disable'))) {
      const res = await call(own, route);
      expect(res.status, `${route[0]} ${route[1]}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    }
  });

  for (const role of ['district', 'coordinator', 'school_office', 'teacher', 'device', 'observer'])
    it(`refuses a ${role} of 丰泽 every one of them, with a log line`, async () => {
      for (const route of routes) {
        const since = logs.length;
        const res = await call(as[role]!, route);
        const what = `${role} ${route[0]} ${route[1]}`;
        expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(403);
        // the reason's words differ by route; a line naming the asker is always written
        expect(logs.slice(since).join('\n'), what).toMatch(/refused|created a non-coordinator/);
        expect(logs.slice(since).join('\n'), what).toContain(`"role":"${role}"`);
      }
    });
});
