// Notices through a real server: a lesson that goes live without one of its member
// classrooms is told to the coordinator and the teacher (the lesson clock's transition,
// attendance after the grace); each person reads only their own notices; only the
// community's coordinator manages its webhooks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NoticeList } from '../../../shared/notifications';
import { T0 } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';

const MIN = 60_000;
const start = T0 + 60 * MIN;

describe('notices of a lesson that started without a classroom', () => {
  let s: LessonServer;
  beforeEach(async () => {
    s = await startLessonServer({ noticeAbsentGraceS: 0 });
  });
  afterEach(async () => {
    await s?.close();
  });

  const notices = async (token: string) => {
    const res = await s.api('/api/notices', { token });
    expect(res.status).toBe(200);
    return (await res.json()) as NoticeList;
  };

  it('tells the coordinator and the teacher of the classroom that is not there, once', async () => {
    await s.clock.advanceTo(start - 3 * MIN);
    // 高楼镇中心小学's PC joined; 宁益小学's did not.
    await s.tongke.lessons.attendance.joined(
      'series-math:2025-09-01',
      'room-gaolou-1',
      start - MIN,
    );
    await s.clock.advanceTo(start + MIN);
    await expect
      .poll(async () => (await notices(s.tokens.coordinator)).notices.length, { timeout: 10_000 })
      .toBe(1);
    await s.tongke.notifications.notifier.settled();
    const coordinator = await notices(s.tokens.coordinator);
    expect(coordinator.unread).toBe(1);
    expect(coordinator.notices[0]).toMatchObject({
      kind: 'classroom_missing',
      audience: 'coordinator:ruian-p-18',
      occurrenceId: 'series-math:2025-09-01',
      read: false,
      text: { zh: '数学课已开始，高楼镇宁益小学 三(1)班 未进入课堂' },
    });
    const wang = await notices(s.tokens.wang);
    expect(wang.notices.map((n) => [n.audience, n.kind])).toEqual([
      ['teacher:teacher-wang', 'classroom_missing'],
    ]);
    // Another teacher, and an observer, have none of them.
    expect((await notices(s.tokens.li)).notices).toEqual([]);
    expect((await notices(s.tokens.observer)).notices).toEqual([]);

    // She cannot mark the coordinator's notice; she marks hers, and it stays read.
    const other = await s.api(`/api/notices/${coordinator.notices[0]!.id}/read`, {
      method: 'POST',
      body: '{}',
      token: s.tokens.wang,
    });
    expect(other.status).toBe(404);
    const mine = await s.api(`/api/notices/${wang.notices[0]!.id}/read`, {
      method: 'POST',
      body: '{}',
      token: s.tokens.wang,
    });
    expect(await mine.json()).toEqual({ marked: 1 });
    expect((await notices(s.tokens.wang)).unread).toBe(0);
    expect((await notices(s.tokens.coordinator)).unread).toBe(1);
  });

  it('lets only the community’s coordinator manage its webhooks', async () => {
    const path = '/api/communities/ruian-p-18/webhooks';
    const body = JSON.stringify({ url: 'https://relay.example.org/tongke' });
    for (const token of [s.tokens.outsider, s.tokens.wang, s.tokens.observer]) {
      expect((await s.api(path, { method: 'POST', body, token })).status).toBe(403);
      expect((await s.api(path, { token })).status).toBe(403);
    }
    const made = await s.api(path, { method: 'POST', body, token: s.tokens.coordinator });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    const log = `${path}/${id}/deliveries`;
    expect((await s.api(log, { token: s.tokens.outsider })).status).toBe(403);
    expect((await s.api(log, { token: s.tokens.coordinator })).status).toBe(200);
    // Not a webhook of this community: 404, even for its coordinator.
    const elsewhere = `/api/communities/ruian-p-18/webhooks/whk-none/deliveries`;
    expect((await s.api(elsewhere, { token: s.tokens.coordinator })).status).toBe(404);
    const bad = await s.api(path, {
      method: 'POST',
      body: JSON.stringify({ url: 42 }),
      token: s.tokens.coordinator,
    });
    expect(bad.status).toBe(400);
    expect(
      (await s.api(`${path}/${id}`, { method: 'DELETE', token: s.tokens.coordinator })).status,
    ).toBe(204);
    expect((await s.api(log, { token: s.tokens.coordinator })).status).toBe(404);
  });
});
