// No credential in URLs: the coordinator link `npm start` prints carries a one-time code
// (not a token) that works once; a calendar feed's address carries a feed token that opens
// that feed only and stops when its owner revokes it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopGroup } from '../../helpers/processGroup';
import { repoRoot } from '../../../infra/mediasoup-worker/locate.mjs';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';

const exchange = (base: string, code: string) =>
  fetch(`${base}/api/auth/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
const me = (base: string, token: string) =>
  fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });

describe('the coordinator link npm start prints', () => {
  let server: ChildProcess | undefined;
  let dataDir = '';
  let printed = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tongke-start-'));
    // What `npm start` runs once the client is built: the composition root, in dev mode.
    server = spawn('npx', ['tsx', 'server/main.ts'], {
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
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no link printed:\n${printed}`)), 60_000);
      const read = (chunk: Buffer) => {
        printed += chunk.toString();
        if (/classroom: http\S+/.test(printed)) {
          clearTimeout(timer);
          resolve();
        }
      };
      server!.stdout!.on('data', read);
      server!.stderr!.on('data', read);
      server!.once('exit', (code) => reject(new Error(`server exited ${code}:\n${printed}`)));
    });
  }, 90_000);

  afterAll(async () => {
    await stopGroup(server);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('holds no bearer token, and its one-time code signs in once only', async () => {
    const link = /(http:\/\/\S+\/coordinator\/\S*)/.exec(printed)?.[1];
    expect(link, printed).toBeDefined();
    const url = new URL(link!);
    expect(url.search).toBe('');
    expect(link).not.toMatch(/token=/);
    const code = new URLSearchParams(url.hash.slice(1)).get('code')!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    // Nothing in the link works as a bearer token.
    for (const part of [code, url.hash.slice(1), link!]) {
      expect((await me(url.origin, part)).status).toBe(401);
    }

    const first = await exchange(url.origin, code);
    expect(first.status).toBe(200);
    const { token, principal } = (await first.json()) as {
      token: string;
      principal: { role: string };
    };
    expect(principal.role).toBe('coordinator');
    expect((await me(url.origin, token)).status).toBe(200);

    const second = await exchange(url.origin, code);
    expect(second.status).toBe(401);
    expect(await second.json()).toMatchObject({ error: 'bad_code' });
  });
});

describe('a calendar feed token', () => {
  let s: LessonServer;

  beforeAll(async () => {
    s = await startLessonServer();
  });

  afterAll(async () => {
    await s?.close();
  });

  const newFeed = async (token: string, kind: string, targetId: string) => {
    const res = await s.api('/api/ical-feeds', {
      method: 'POST',
      token,
      body: JSON.stringify({ kind, targetId }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  it('opens its own feed, nothing else, and stops once revoked', async () => {
    const made = await newFeed(s.tokens.wang, 'classroom', 'room-gaolou-1');
    expect(made.status).toBe(201);
    const { id, token: feedToken, url } = made.body;
    expect(feedToken).toMatch(/^ical_/);
    expect(url).toBe(
      `/api/ical/classrooms/room-gaolou-1.ics?token=${encodeURIComponent(feedToken!)}`,
    );

    const feed = await fetch(`${s.url}${url}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');

    // Another feed, another route, the header instead of the query: all refused.
    const q = `token=${encodeURIComponent(feedToken!)}`;
    expect((await fetch(`${s.url}/api/ical/classrooms/room-ningyi-1.ics?${q}`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/ical/teachers/teacher-wang.ics?${q}`)).status).toBe(401);
    for (const path of [
      '/api/auth/me',
      '/api/communities',
      '/api/ical-feeds',
      '/api/lessons?communityId=ruian-p-18',
      '/api/adhoc-rooms?communityId=ruian-p-18',
    ]) {
      const sep = path.includes('?') ? '&' : '?';
      expect((await fetch(`${s.url}${path}${sep}${q}`)).status, path).toBe(401);
      expect((await s.api(path, { token: feedToken })).status, path).toBe(401);
    }

    // A person's bearer token in the query opens no feed (nor anything else).
    const bearerInQuery = `token=${encodeURIComponent(s.tokens.wang)}`;
    expect(
      (await fetch(`${s.url}/api/ical/classrooms/room-gaolou-1.ics?${bearerInQuery}`)).status,
    ).toBe(401);
    expect((await fetch(`${s.url}/api/auth/me?${bearerInQuery}`)).status).toBe(401);

    // Only its owner lists and revokes it.
    const listed = await s.api('/api/ical-feeds', { token: s.tokens.wang });
    expect(((await listed.json()) as { id: string }[]).map((f) => f.id)).toEqual([id]);
    const others = await s.api('/api/ical-feeds', { token: s.tokens.li });
    expect(await others.json()).toEqual([]);
    expect(
      (await s.api(`/api/ical-feeds/${id}/revoke`, { method: 'POST', token: s.tokens.li })).status,
    ).toBe(404);
    expect((await fetch(`${s.url}${url}`)).status).toBe(200);

    const revoked = await s.api(`/api/ical-feeds/${id}/revoke`, {
      method: 'POST',
      token: s.tokens.wang,
    });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { revokedAt?: number }).revokedAt).toBeTypeOf('number');
    const after = await fetch(`${s.url}${url}`);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('is made only for a feed its owner may read', async () => {
    expect((await newFeed(s.tokens.outsider, 'classroom', 'room-gaolou-1')).status).toBe(403);
    expect((await newFeed(s.tokens.wang, 'classroom', 'room-nowhere')).status).toBe(404);
    const device = await s.deviceToken('room-gaolou-1');
    expect((await newFeed(device, 'classroom', 'room-gaolou-1')).status).toBe(403);
  });
});
