// Redis goes down during a lesson (multi-node store): the rooms already on this node keep
// relaying, a new join is refused at once with a clear error, and when Redis is back the
// same PC gets in (reliability.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { startRedis, type RedisServer } from '../../helpers/redisServer';

const o = occurrence();
const start = Date.parse(o.start);

describe('Redis down in the middle of a lesson', () => {
  let redis: RedisServer;
  let s: LessonServer;
  const peers: LivePeer[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    s = await startLessonServer({ redisUrl: redis.url });
    await s.clock.advanceTo(start + 1 * MIN); // live
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
    await redis?.stop();
  });

  it('keeps the room relaying, refuses new joins clearly, and admits them again after', async () => {
    const gaolou = await s.deviceToken('room-gaolou-1');
    const ningyi = await s.deviceToken('room-ningyi-1');
    const teacher = await livePeer(
      s.url,
      { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    peers.push(teacher);
    const classroom = await livePeer(s.url, {
      roomId: o.occurrenceId,
      token: gaolou,
      displayName: '高楼镇中心小学 三(1)班',
    });
    peers.push(classroom);
    const camera = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera');
    await camera.video!.waitFor(5);

    await redis.kill();

    // The room on this node goes on: frames keep arriving, quality samples fail quietly.
    await camera.video!.waitFor(60);
    expect(classroom.client.state).toBe('joined');

    // A PC joining now is told why, at once, instead of hanging.
    const refused = livePeer(s.url, {
      roomId: o.occurrenceId,
      token: ningyi,
      displayName: '高楼镇宁益小学 三(1)班',
    });
    await expect(refused).rejects.toMatchObject({ code: 'unavailable' });
    const today = await s.api('/api/classrooms/room-ningyi-1/today', { token: ningyi });
    expect(today.status).toBe(503);
    expect(await today.json()).toMatchObject({ error: 'store_unavailable' });

    await redis.start();
    await expect
      .poll(
        async () => (await s.api('/api/classrooms/room-ningyi-1/today', { token: ningyi })).status,
        {
          timeout: 20_000,
        },
      )
      .toBe(200);
    const late = await livePeer(s.url, {
      roomId: o.occurrenceId,
      token: ningyi,
      displayName: '高楼镇宁益小学 三(1)班',
    });
    peers.push(late);
    await (await late.waitForTrack(teacher.client.session!.peerId, 'camera')).video!.waitFor(5);
  });
});
