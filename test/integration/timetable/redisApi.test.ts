// The same API on the Redis store: what multi-node installations run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../../helpers/redisServer';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { spec } from '../../unit/timetable/support/world';
import { client, deviceTokenFor, ruian, seedWorld, tokenFor } from './support/world';

const base = `/communities/${ruian.id}`;

describe('timetable API on the Redis store', () => {
  let redis: RedisServer;
  let server: TestServer;

  beforeAll(async () => {
    redis = await startRedis();
    server = await startTongke(
      { redisUrl: redis.url },
      { now: () => Date.parse('2026-09-08T08:45:00+08:00') },
    );
    await seedWorld(server);
  });
  afterAll(async () => {
    await server?.close();
    await redis?.stop();
  });

  it('negotiates, publishes and serves the classroom its next lesson', async () => {
    expect(server.tongke.store.kind).toBe('redis');
    const c = client(server, tokenFor(server, { role: 'coordinator', communityIds: [ruian.id] }));
    expect((await c.post(`${base}/series`, { id: 'math', spec: spec() })).status).toBe(201);
    const clash = await c.post(`${base}/check`, {
      spec: spec({ teacherId: 'teacher-li', coreClassroomId: 'room-core-302' }),
    });
    expect(clash.body.conflicts[0]).toMatchObject({
      code: 'classroom_double_booked',
      otherSeriesId: 'math',
    });
    await c.post(`${base}/series/math/propose`);
    expect((await c.post(`${base}/series/math/publish`)).body.error).toBe('answers_pending');
    await c.post(`${base}/series/math/respond`, {
      schoolId: 'sch-gaolou',
      decision: 'accepted',
      comment: '',
    });
    expect((await c.post(`${base}/series/math/publish`)).status).toBe(200);
    // the negotiation history is kept in the Redis store
    const stored = await server.tongke.store.timetable.get('series', 'math');
    expect(stored?.log?.map((e) => [e.kind, e.onBehalf])).toEqual([
      ['proposed', undefined],
      ['accepted', true],
      ['published', undefined],
    ]);
    const device = client(server, await deviceTokenFor(server, ruian.id, 'room-gaolou-1'));
    const today = await device.get('/classrooms/room-gaolou-1/today');
    expect(today.body.now).toMatchObject({
      occurrenceId: 'math:2026-09-08',
      start: '2026-09-08T08:50:00+08:00',
    });
  });
});
