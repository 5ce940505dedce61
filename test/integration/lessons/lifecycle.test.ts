import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonSummary, LessonView } from '../../../shared/lessons';
import { ManualClock } from '../../../server/lessons/clock';
import {
  MemoryOccurrenceSource,
  MIN,
  T0,
  occurrence,
} from '../../unit/lessons/support/occurrences';
import { startRedis, type RedisServer } from '../../helpers/redisServer';
import { startLessonServer, type LessonServer } from './support/lessonServer';

const o = occurrence(); // 09:00–09:40 Asia/Shanghai, the clock starts at 08:00
const start = Date.parse(o.start);
const end = Date.parse(o.end);
const path = `/api/lessons/${encodeURIComponent(o.occurrenceId)}`;

async function lesson(s: LessonServer, token = s.tokens.coordinator): Promise<LessonView> {
  const res = await s.api(path, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as LessonView;
}

describe('the lesson clock on a real server', () => {
  let dataDir: string;
  let s: LessonServer;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tongke-lessons-'));
    s = await startLessonServer({ dataDir });
  });
  afterAll(async () => {
    await s?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('opens 5 minutes early, goes live at the bell, and is live again after a restart', async () => {
    expect((await lesson(s)).lesson.state).toBe('scheduled');
    await s.clock.advanceTo(start - 5 * MIN);
    expect((await lesson(s)).lesson.state).toBe('open');
    await s.clock.advanceTo(start + 10 * MIN);
    expect((await lesson(s)).lesson.state).toBe('live');

    await s.close();
    const clock = new ManualClock(start + 12 * MIN);
    s = await startLessonServer({ dataDir }, clock, new MemoryOccurrenceSource([o]), false);
    expect((await lesson(s)).lesson.state).toBe('live');
    expect(await s.tongke.lessons.lifecycle.current()).toHaveLength(1);
  });

  it('ends at the scheduled end and opens the research session at once', async () => {
    await s.clock.advanceTo(end);
    const { lesson: record } = await lesson(s);
    expect(record.state).toBe('research');
    expect(record.researchClosesAt).toBe(end + 60 * MIN);
    expect(record.transitions.map((t) => [t.from, t.to, t.at, t.cause])).toEqual([
      ['scheduled', 'open', start - 5 * MIN, 'clock'],
      ['open', 'live', start, 'clock'],
      ['live', 'ended', end, 'clock'],
      ['ended', 'research', end, 'clock'],
    ]);
  });

  it('archives the session when its time is up, and lists it per community and teacher', async () => {
    await s.clock.advanceTo(end + 60 * MIN);
    expect((await lesson(s)).lesson.state).toBe('archived');
    const byCommunity = await s.api('/api/research?communityId=ruian-p-18', {
      token: s.tokens.coordinator,
    });
    expect(await byCommunity.json()).toEqual([
      expect.objectContaining({
        occurrenceId: o.occurrenceId,
        state: 'archived',
        openedAt: end,
        closedAt: end + 60 * MIN,
      }),
    ]);
    const byTeacher = await s.api('/api/research?communityId=ruian-p-18&teacherId=teacher-li', {
      token: s.tokens.li,
    });
    expect(await byTeacher.json()).toEqual([]);
    const day = await s.api('/api/lessons?communityId=ruian-p-18&date=2025-09-01', {
      token: s.tokens.wang,
    });
    expect(((await day.json()) as LessonSummary[]).map((l) => l.occurrenceId)).toEqual([
      o.occurrenceId,
    ]);
    const nextDay = await s.api('/api/lessons?communityId=ruian-p-18&date=2025-09-02', {
      token: s.tokens.wang,
    });
    expect(await nextDay.json()).toEqual([]);
  });
});

describe('teacher actions and community checks over REST', () => {
  let s: LessonServer;
  const second = occurrence({ occurrenceId: 'series-math:2025-09-01b' });
  const secondPath = `/api/lessons/${encodeURIComponent(second.occurrenceId)}`;

  beforeAll(async () => {
    s = await startLessonServer({}, new ManualClock(T0), new MemoryOccurrenceSource([second]));
  });
  afterAll(() => s?.close());

  it('lets the lesson teacher start early and end, and no other teacher', async () => {
    await s.clock.advanceTo(start - 8 * MIN);
    expect(
      (await s.api(`${secondPath}/start`, { method: 'POST', token: s.tokens.li })).status,
    ).toBe(403);
    const started = await s.api(`${secondPath}/start`, { method: 'POST', token: s.tokens.wang });
    expect(started.status).toBe(200);
    expect(await started.json()).toMatchObject({ state: 'live' });
    const again = await s.api(`${secondPath}/start`, { method: 'POST', token: s.tokens.wang });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'already_live' });

    const tooLate = new Date(end + 20 * MIN).toISOString();
    const extend = await s.api(`${secondPath}/extend`, {
      method: 'POST',
      token: s.tokens.wang,
      body: JSON.stringify({ until: tooLate }),
    });
    expect(await extend.json()).toMatchObject({ error: 'beyond_late_limit' });

    await s.clock.advanceTo(start + 30 * MIN);
    const ended = await s.api(`${secondPath}/end`, { method: 'POST', token: s.tokens.wang });
    expect(await ended.json()).toMatchObject({ state: 'research' });
  });

  it('answers the join check with the gate’s decision', async () => {
    const res = await s.api(`${secondPath}/join`, { token: s.tokens.wang });
    expect(await res.json()).toEqual({
      ok: false,
      reason: 'lesson_over',
      state: 'research',
      now: s.clock.now(), // the server's clock, for screens that count down to the bell
    });
  });

  it('refuses another community’s coordinator with 403 on every lesson route', async () => {
    const t = s.tokens.outsider;
    expect((await s.api(secondPath, { token: t })).status).toBe(403);
    expect((await s.api(`${secondPath}/end`, { method: 'POST', token: t })).status).toBe(403);
    expect((await s.api(`/api/lessons?communityId=ruian-p-18`, { token: t })).status).toBe(403);
    expect(
      (await s.api(`/api/research/${encodeURIComponent(second.occurrenceId)}`, { token: t }))
        .status,
    ).toBe(403);
    expect((await s.api(`/api/research?communityId=ruian-p-18`, { token: t })).status).toBe(403);
    expect((await s.api(secondPath)).status).toBe(401);
  });
});

describe('the lesson clock on the Redis store', () => {
  let redis: RedisServer;
  let s: LessonServer;

  beforeAll(async () => {
    redis = await startRedis();
    s = await startLessonServer({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await s?.close();
    await redis?.stop();
  });

  it('runs a lesson into research and keeps it across a restart', async () => {
    await s.clock.advanceTo(start + MIN);
    expect((await lesson(s)).lesson.state).toBe('live');
    await s.close();
    s = await startLessonServer(
      { redisUrl: redis.url },
      new ManualClock(end - MIN),
      new MemoryOccurrenceSource([o]),
      false,
    );
    expect((await lesson(s)).lesson.state).toBe('live');
    await s.clock.advanceTo(end);
    expect((await lesson(s)).lesson.state).toBe('research');
  });
});
