// A changed password ends every session of the account: the live lesson within a second,
// and every REST call made with a token issued before it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

describe('a password change', () => {
  let s: LessonServer;
  const peers: LivePeer[] = [];

  beforeAll(async () => {
    s = await startLessonServer();
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
  });

  it('ends the live socket within a second, and old tokens get 401', async () => {
    const old = s.tokens.wang;
    const teacher = await livePeer(s.url, {
      roomId: 'adhoc-pw',
      roomCode: 'pwcode123',
      token: old,
      displayName: '王老师',
    });
    peers.push(teacher);
    const colleague = await livePeer(s.url, {
      roomId: 'adhoc-pw',
      roomCode: 'pwcode123',
      token: s.tokens.li,
      displayName: '李老师',
    });
    peers.push(colleague);
    expect(teacher.client.state).toBe('joined');

    const closed = new Promise<number>((resolve) =>
      teacher.client.on('closed', () => resolve(performance.now())),
    );
    const changedAt = performance.now();
    const changed = await s.api('/api/auth/password', {
      method: 'POST',
      token: old,
      body: JSON.stringify({ currentPassword: PASSWORD, newPassword: 'a-new-secret-1' }),
    });
    expect(changed.status).toBe(200);
    const fresh = ((await changed.json()) as { token: string }).token;
    expect(fresh).not.toBe(old);

    expect((await closed) - changedAt).toBeLessThan(1000);
    expect(teacher.client.state).toBe('closed');
    expect(colleague.client.state).toBe('joined');

    expect((await s.api('/api/auth/me', { token: old })).status).toBe(401);
    expect((await s.api('/api/auth/me', { token: fresh })).status).toBe(200);
    expect((await s.api('/api/auth/me', { token: s.tokens.li })).status).toBe(200);
    await expect(
      livePeer(s.url, { roomId: 'adhoc-pw', roomCode: 'pwcode123', token: old, displayName: 'x' }),
    ).rejects.toMatchObject({ code: 'forbidden', message: 'token invalid or expired' });
  });
});
