// `npm start` on an empty store: one demo account of each role, passwords printed once, two
// classroom PCs' enrolment codes, and a demo lesson whose room opens a few minutes later.
// A real server process (the composition root in dev mode) on an empty data dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopGroup } from '../../helpers/processGroup';
import { repoRoot } from '../../../infra/mediasoup-worker/locate.mjs';
import type { TokenReply } from '../../../shared/auth';
import type { TeacherDayReply, TodayReply } from '../../../shared/timetable/api';

function start(dataDir: string, until: RegExp) {
  const server = spawn('npx', ['tsx', 'server/main.ts'], {
    // its own process group, stopped whole (stopGroup)
    detached: true,
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      RTC_PORT: '0',
      ANNOUNCED_ADDRESS: '127.0.0.1',
      MEDIASOUP_WORKERS: '1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready:\n${printed}`)), 90_000);
    const read = (chunk: Buffer) => {
      printed += chunk.toString();
      if (until.test(printed)) {
        clearTimeout(timer);
        // the rest of the block is written in the same tick
        setTimeout(() => resolve(printed), 300);
      }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.once('exit', (code) => reject(new Error(`server exited ${code}:\n${printed}`)));
  });
  return { server, ready };
}

async function stop(server: ChildProcess | undefined) {
  await stopGroup(server);
}

const post = (url: string, body: unknown, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
const get = async <T>(url: string, token: string) => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
};

describe('demo accounts on a first npm start', () => {
  let dataDir = '';
  let server: ChildProcess | undefined;
  let printed = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tongke-demo-'));
    const first = start(dataDir, /演示课 demo lesson[^\n]*\n/);
    server = first.server;
    printed = await first.ready;
  }, 120_000);

  afterAll(async () => {
    await stop(server);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints one account of each role, each of which signs in with its role', async () => {
    const base = /running at (http:\/\/\S+)\//.exec(printed)![1]!;
    const accounts = [
      ...printed.matchAll(/^ {4}(\S.*?)\s+([a-z]+)\s+([A-Za-z2-9]{10})\s+(http\S+)$/gm),
    ].map(([, label, login, password, page]) => ({ label, login: login!, password, page }));
    expect(accounts.map((a) => a.login)).toEqual([
      'district',
      'coordinator',
      'jiaowu',
      'wang',
      'zhao',
      'observer',
    ]);
    const roles: Record<string, string> = {};
    const tokens: Record<string, TokenReply> = {};
    for (const a of accounts) {
      const res = await post(`${base}/api/auth/login`, { login: a.login, password: a.password });
      expect(res.status, a.login).toBe(200);
      tokens[a.login] = (await res.json()) as TokenReply;
      roles[a.login] = tokens[a.login]!.principal.role;
      expect(a.page!.startsWith(`${base}/`), a.page).toBe(true);
    }
    expect(roles).toEqual({
      district: 'district',
      coordinator: 'coordinator',
      jiaowu: 'school_office',
      wang: 'teacher',
      zhao: 'teacher',
      observer: 'observer',
    });
    // the district reads every community of its district (瑞安市: 39 and the newcomer's),
    // looked up on each request rather than listed in its token
    expect(tokens.district!.principal.district).toBe('瑞安市');
    const district = await get<{ communityIds: string[] }>(
      `${base}/api/auth/me`,
      tokens.district!.token,
    );
    expect(district.communityIds).toHaveLength(40);
    expect(district.communityIds).toContain('tongke-demo');
    const read = await get<{ id: string }[]>(`${base}/api/communities`, tokens.district!.token);
    expect(read).toHaveLength(40);
    // the school office acts for the newcomer's member school only
    expect(tokens.jiaowu!.principal.schoolId).toMatch(/./);

    // The demo lesson: in the teachers' day, at the time printed, opening a few minutes on.
    const [, date, startAt] = /演示课 demo lesson: (\S+) (\d\d:\d\d)–/.exec(printed)!;
    const wang = tokens.wang!.principal;
    const day = await get<TeacherDayReply>(
      `${base}/api/teachers/${wang.teacherId}/today`,
      tokens.wang!.token,
    );
    const lesson = day.lessons.find((l) => l.subject === '数学');
    if (day.date === date) {
      expect(lesson?.start.slice(11, 16)).toBe(startAt); // local time, with its offset
      const opensInMin = (Date.parse(lesson!.start) - 5 * 60_000 - Date.now()) / 60_000;
      expect(opensInMin).toBeGreaterThan(0);
      expect(opensInMin).toBeLessThan(10);
    }
    const zhao = await get<TeacherDayReply>(
      `${base}/api/teachers/${tokens.zhao!.principal.teacherId}/today`,
      tokens.zhao!.token,
    );
    expect(zhao.lessons.length).toBe(day.lessons.length);

    // The two classroom PCs enrol with the printed codes and see the lesson next.
    const codes = [...printed.matchAll(/^ {4}(同课体验\S+ \S+)\s+([A-Z0-9-]{4,})$/gm)];
    expect(codes.map((c) => c[1])).toEqual(['同课体验小学 三(1)班', '同课体验小学分校 三(2)班']);
    for (const [, , code] of codes) {
      const res = await post(`${base}/api/devices/enrol`, { code });
      expect(res.status).toBe(200);
      const device = (await res.json()) as TokenReply;
      const today = await get<TodayReply>(
        `${base}/api/classrooms/${device.principal.classroomId}/today`,
        device.token,
      );
      if (today.date === date) expect((today.now ?? today.next)?.start.slice(11, 16)).toBe(startAt);
    }
  });

  it('prints no passwords at the next start on the same store', async () => {
    await stop(server);
    const again = start(dataDir, /classroom: http\S+\n/);
    server = again.server;
    const second = await again.ready;
    expect(second).not.toMatch(/演示账号/);
    expect(second).not.toMatch(/演示课/);
  }, 120_000);
});
