// A scheduled lesson with real media: classroom PCs join with their device credentials
// only while their lesson is open, attendance comes from their real joins and leaves, and
// when the lesson ends the teacher is sent on to the research meeting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonView } from '../../../shared/lessons';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

const o = occurrence();
const start = Date.parse(o.start);
const end = Date.parse(o.end);

describe('a scheduled lesson with real media', () => {
  let s: LessonServer;
  const peers: LivePeer[] = [];

  const deviceToken = (classroomId: string, communityId?: string) =>
    s.deviceToken(classroomId, communityId);
  const join = (token: string, displayName: string) =>
    livePeer(s.url, { roomId: o.occurrenceId, token, displayName });

  beforeAll(async () => {
    s = await startLessonServer();
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
  });

  it('refuses a classroom PC before its lesson opens', async () => {
    await expect(
      join(await deviceToken('room-gaolou-1'), '高楼镇中心小学 三(1)班'),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: 'lesson_not_open',
    });
  });

  it('admits the lesson’s classrooms and teacher once it opens, and no one else', async () => {
    await s.clock.advanceTo(start - 4 * MIN);
    const classroom = await join(await deviceToken('room-gaolou-1'), '高楼镇中心小学 三(1)班');
    peers.push(classroom);
    expect(classroom.client.session?.role).toBe('classroom');

    await expect(
      join(await deviceToken('room-fz-1', 'fengze-5g-01'), '潘山分校 三(1)班'),
    ).rejects.toMatchObject({ message: 'wrong_community' });

    const teacher = await livePeer(
      s.url,
      { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    peers.push(teacher);
    expect(teacher.client.session?.role).toBe('teacher');
    const camera = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera');
    await camera.video!.waitFor(5);
    // Quality is sampled every 2 s of real time and stored for the lesson record.
    await new Promise((r) => setTimeout(r, 2500));
  });

  it('records attendance from real joins and leaves, with absentees', async () => {
    const [classroom] = peers;
    await s.clock.advanceTo(start + 20 * MIN);
    await classroom!.client.close();
    await expect
      .poll(async () => {
        const res = await s.api(`/api/lessons/${encodeURIComponent(o.occurrenceId)}`, {
          token: s.tokens.wang,
        });
        const view = (await res.json()) as LessonView;
        return view.attendance.classrooms.find((c) => c.classroomId === 'room-gaolou-1');
      })
      .toMatchObject({
        intervals: [{ from: start - 4 * MIN, to: start + 20 * MIN }],
        absent: false,
      });
    const res = await s.api(`/api/lessons/${encodeURIComponent(o.occurrenceId)}`, {
      token: s.tokens.wang,
    });
    const { attendance } = (await res.json()) as LessonView;
    // The teacher broadcasting from the core classroom is the core classroom's attendance.
    expect(attendance.absent).toEqual(['room-ningyi-1']);
    const gaolou = attendance.classrooms.find((c) => c.classroomId === 'room-gaolou-1')!;
    expect(gaolou.quality.samples).toBeGreaterThanOrEqual(1);
  });

  it('sends the teacher on to the research meeting when the lesson ends', async () => {
    const teacher = peers[1]!;
    const closed = new Promise<{ reason: string; next?: { roomId: string; kind: string } }>(
      (resolve) => teacher.client.on('closed', resolve),
    );
    await s.clock.advanceTo(end + 1);
    expect(await closed).toEqual({
      reason: 'lesson_ended',
      next: { roomId: o.occurrenceId, kind: 'research' },
    });
    const meeting = await livePeer(s.url, {
      roomId: o.occurrenceId,
      kind: 'research',
      token: s.tokens.wang,
      displayName: '王老师',
    });
    peers.push(meeting);
    expect(meeting.client.session).toMatchObject({ role: 'member', kind: 'research' });
  });
});
