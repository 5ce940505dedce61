// A coordinator disables an account of their community: it cannot log in, its tokens get
// 401, its live lesson socket and its research-minutes socket end within a second; enabled
// again, it logs in (its old tokens stay ended). A password change ends the minutes socket too.
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESEARCH_NAMESPACE } from '../../../shared/research';
import { PASSWORD, startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

describe('disabling an account', () => {
  let s: LessonServer;
  const peers: LivePeer[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    s = await startLessonServer();
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
  });

  const login = (login: string, password = PASSWORD) =>
    s.api('/api/auth/login', { method: 'POST', body: JSON.stringify({ login, password }) });
  const userId = async (token: string) =>
    ((await (await s.api('/api/auth/me', { token })).json()) as { sub: string }).sub;
  const act = (token: string, id: string, what: 'disable' | 'enable') =>
    s.api(`/api/auth/users/${encodeURIComponent(id)}/${what}`, { method: 'POST', token });

  /** A connected research-minutes socket, and when it was ended by the server. */
  async function minutesSocket(token: string) {
    const socket = io(`${s.url}${RESEARCH_NAMESPACE}`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    // Still connected 2 s later counts as never ended (a failure, not a test timeout).
    const ended = new Promise<{ at: number; reason: string }>((resolve) => {
      socket.once('disconnect', (reason) => resolve({ at: performance.now(), reason }));
      setTimeout(() => resolve({ at: Infinity, reason: 'still connected' }), 2000).unref();
    });
    return { socket, ended };
  }

  it('is refused to a teacher and to a coordinator of another community', async () => {
    const li = await userId(s.tokens.li);
    expect((await act(s.tokens.wang, li, 'disable')).status).toBe(403);
    expect((await act(s.tokens.outsider, li, 'disable')).status).toBe(403);
    expect((await act(s.tokens.coordinator, 'u-nobody', 'disable')).status).toBe(404);
    const own = await userId(s.tokens.coordinator);
    expect((await act(s.tokens.coordinator, own, 'disable')).status).toBe(409);
    expect((await s.api('/api/auth/me', { token: s.tokens.li })).status).toBe(200);
  });

  it('ends its live socket and its minutes socket within a second; its tokens get 401', async () => {
    const old = s.tokens.li;
    const li = await userId(old);
    const teacher = await livePeer(s.url, {
      roomId: 'adhoc-disable',
      roomCode: 'discode123',
      token: old,
      displayName: '李老师',
    });
    peers.push(teacher);
    const colleague = await livePeer(s.url, {
      roomId: 'adhoc-disable',
      roomCode: 'discode123',
      token: s.tokens.wang,
      displayName: '王老师',
    });
    peers.push(colleague);
    expect(teacher.client.state).toBe('joined');
    const minutes = await minutesSocket(old);
    const feed = await s.api('/api/ical-feeds', {
      method: 'POST',
      token: old,
      body: JSON.stringify({ kind: 'classroom', targetId: 'room-gaolou-1' }),
    });
    const feedUrl = `${s.url}${((await feed.json()) as { url: string }).url}`;
    expect((await fetch(feedUrl)).status).toBe(200);
    const others = await minutesSocket(s.tokens.wang);
    const closed = new Promise<number>((resolve) => {
      teacher.client.on('closed', () => resolve(performance.now()));
      setTimeout(() => resolve(Infinity), 2000).unref();
    });

    const at = performance.now();
    const res = await act(s.tokens.coordinator, li, 'disable');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ userId: li, disabledAt: expect.any(Number) });

    expect((await closed) - at).toBeLessThan(1000);
    const ended = await minutes.ended;
    expect(ended.at - at).toBeLessThan(1000);
    expect(ended.reason).toBe('io server disconnect');
    expect(colleague.client.state).toBe('joined');
    expect(others.socket.connected).toBe(true);

    expect((await s.api('/api/auth/me', { token: old })).status).toBe(401);
    expect((await s.api('/api/lessons?communityId=ruian-p-18', { token: old })).status).toBe(401);
    const refused = await login('li');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'account_disabled' });
    expect((await login('li', 'wrong password')).status).toBe(401);
    await expect(
      livePeer(s.url, {
        roomId: 'adhoc-disable',
        roomCode: 'discode123',
        token: old,
        displayName: 'x',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(minutesSocket(old)).rejects.toThrow('unauthorized');
    // Its calendar subscriptions stop too.
    expect((await fetch(feedUrl)).status).toBe(401);

    // Enabled again: a new login works, the old token stays ended.
    expect((await act(s.tokens.coordinator, li, 'enable')).status).toBe(200);
    const back = await login('li');
    expect(back.status).toBe(200);
    const fresh = ((await back.json()) as { token: string }).token;
    expect((await s.api('/api/auth/me', { token: fresh })).status).toBe(200);
    expect((await s.api('/api/auth/me', { token: old })).status).toBe(401);
    s.tokens.li = fresh;
  });

  it('a password change ends the minutes socket too, within a second', async () => {
    const minutes = await minutesSocket(s.tokens.observer);
    const at = performance.now();
    const changed = await s.api('/api/auth/password', {
      method: 'POST',
      token: s.tokens.observer,
      body: JSON.stringify({ currentPassword: PASSWORD, newPassword: 'another-secret-2' }),
    });
    expect(changed.status).toBe(200);
    const ended = await minutes.ended;
    expect(ended.at - at).toBeLessThan(1000);
    expect(ended.reason).toBe('io server disconnect');
  });
});
