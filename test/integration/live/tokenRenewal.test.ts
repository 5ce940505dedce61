// A token runs out during a lesson: the server renews it over the socket, and the client's
// next full join (the server lost its session) presents the renewed one, not the dead one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

const o = occurrence();
const start = Date.parse(o.start);

describe('a token that runs out in the middle of a lesson', () => {
  let s: LessonServer;
  let teacher: LivePeer | undefined;

  beforeAll(async () => {
    s = await startLessonServer();
    await s.clock.advanceTo(start - 4 * MIN);
  });

  afterAll(async () => {
    await teacher?.stop();
    await s?.close();
  });

  it('is renewed over the socket and used for the next join', async () => {
    const me = (await (await s.api('/api/auth/me', { token: s.tokens.wang })).json()) as Principal;
    // Her login has 4 s left of its life (of the fake clock's time): renewed at 3 s.
    const shortLived = s.tongke.tokens.sign(me, 4_000, s.clock.now());
    const tokens: { token: string; expiresAt: number }[] = [];
    teacher = await livePeer(s.url, {
      roomId: o.occurrenceId,
      token: shortLived,
      displayName: '王老师',
    });
    teacher.client.on('token', (t) => tokens.push(t));
    const firstSession = teacher.client.session!.sessionId;

    await expect.poll(() => tokens.length, { timeout: 15_000 }).toBe(1);
    const renewed = tokens[0]!;
    expect(renewed.token).not.toBe(shortLived);
    expect(renewed.expiresAt).toBe(s.clock.now() + 12 * 60 * MIN);

    // The old token runs out; the renewed one is the same person.
    await s.clock.advanceTo(s.clock.now() + 5_000);
    expect((await s.api('/api/auth/me', { token: shortLived })).status).toBe(401);
    const again = await s.api('/api/auth/me', { token: renewed.token });
    expect(await again.json()).toEqual(me);

    // The server loses her session: her client must join afresh, with a token.
    const room = s.tongke.rooms.get(o.occurrenceId)!;
    const participant = [...room.participants.values()].find((p) => p.role === 'teacher')!;
    room.remove(participant);
    participant.connection.socket.conn.close();
    await expect
      .poll(() => teacher!.client.session?.sessionId, { timeout: 20_000 })
      .not.toBe(firstSession);
    await expect.poll(() => teacher!.client.state, { timeout: 20_000 }).toBe('joined');
    expect(teacher.client.session!.role).toBe('teacher');
  });
});
