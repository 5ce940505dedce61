// Two Tongke nodes on one Redis (the production shape): the lesson's live room lives on
// node B, while node A's clock ends the lesson and a coordinator on node A revokes a PC —
// node B's room acts on both. Then two teachers write the minutes through different nodes
// and each sees the other's text live.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MinutesClient } from '../../../client/research/minutesClient';
import { ManualClock } from '../../../server/lessons/clock';
import {
  MemoryOccurrenceSource,
  MIN,
  T0,
  occurrence,
} from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { startRedis, type RedisServer } from '../../helpers/redisServer';

const o = occurrence();
const start = Date.parse(o.start);
const end = Date.parse(o.end);

describe('two nodes on one Redis', () => {
  let redis: RedisServer;
  let a: LessonServer;
  let b: LessonServer;
  const peers: LivePeer[] = [];
  const writers: MinutesClient[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const shared = { redisUrl: redis.url, authSecret: 'one-secret-for-every-node-0123' };
    a = await startLessonServer(shared, new ManualClock(T0), new MemoryOccurrenceSource([o]));
    b = await startLessonServer(
      shared,
      new ManualClock(T0),
      new MemoryOccurrenceSource([o]),
      false, // the users are in the shared store already
    );
    await a.clock.advanceTo(start - 4 * MIN);
    await b.clock.advanceTo(start - 4 * MIN);
  });

  afterAll(async () => {
    for (const w of writers) w.close();
    await Promise.all(peers.map((p) => p.stop()));
    await b?.close();
    await a?.close();
    await redis?.stop();
  });

  it('ends the lesson and dismisses a revoked PC in rooms on the other node', async () => {
    const gaolou = await a.deviceToken('room-gaolou-1');
    const ningyi = await a.deviceToken('room-ningyi-1');
    const teacher = await livePeer(
      b.url,
      { roomId: o.occurrenceId, token: b.tokens.wang, displayName: '王老师' },
      { camera: { width: 640, height: 360 } },
    );
    peers.push(teacher);
    const join = (token: string, displayName: string) =>
      livePeer(b.url, { roomId: o.occurrenceId, token, displayName });
    const classroom = await join(gaolou, '高楼镇中心小学 三(1)班');
    const revokedPc = await join(ningyi, '高楼镇宁益小学 三(1)班');
    peers.push(classroom, revokedPc);
    await (
      await classroom.waitForTrack(teacher.client.session!.peerId, 'camera')
    ).video!.waitFor(5);

    // Revoked through node A; its session on node B ends.
    const dismissed = new Promise<{ reason: string }>((r) => revokedPc.client.on('closed', r));
    const me = (await (await a.api('/api/auth/me', { token: ningyi })).json()) as {
      deviceId: string;
    };
    const revoke = await a.api(`/api/devices/${me.deviceId}/revoke`, {
      method: 'POST',
      token: a.tokens.coordinator,
    });
    expect(revoke.status).toBe(200);
    expect((await dismissed).reason).toContain('撤销');
    expect(classroom.client.state).toBe('joined');

    // Only node A's clock reaches the bell and the end: node B's room closes all the same.
    const closed = new Promise<{ reason: string; next?: { kind: string } }>((r) =>
      teacher.client.on('closed', r),
    );
    await a.clock.advanceTo(end + 1);
    expect(await closed).toMatchObject({ reason: 'lesson_ended', next: { kind: 'research' } });
    await expect.poll(() => classroom.client.state, { timeout: 10_000 }).toBe('closed');
    expect(b.tongke.rooms.get(o.occurrenceId)).toBeUndefined();
  });

  it('carries the minutes between writers on different nodes', async () => {
    const writer = async (s: LessonServer, token: string) => {
      const c = new MinutesClient({ url: s.url, token, occurrenceId: o.occurrenceId });
      writers.push(c);
      await new Promise<void>((resolve) => c.on('joined', () => resolve()));
      return c;
    };
    const wang = await writer(a, a.tokens.wang);
    const li = await writer(b, b.tokens.li);
    wang.text('core').insert(0, '主讲：节奏合适。');
    li.text('problems').insert(0, '宁益教室提前离线。');
    await Promise.all([wang.whenSaved(), li.whenSaved()]);
    await vi.waitFor(() => expect(li.text('core').toString()).toBe('主讲：节奏合适。'));
    await vi.waitFor(() => expect(wang.text('problems').toString()).toBe('宁益教室提前离线。'));
  });
});
