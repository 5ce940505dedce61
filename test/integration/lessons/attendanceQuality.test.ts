// Attendance grades a classroom by what it really showed of the teacher, with real peers:
// a PC whose teacher tile is hidden (the server keeps her video paused for it, as for the
// black tile of issue #10) is graded poor on a clean network; one that decodes her, good.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassroomAttendance, LessonView } from '../../../shared/lessons';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { startLessonServer, type LessonServer } from './support/lessonServer';

const o = occurrence();
const start = Date.parse(o.start);

describe('the quality grade of classrooms with real media', () => {
  let s: LessonServer;
  const peers: LivePeer[] = [];
  let ticker: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    s = await startLessonServer();
  });
  afterAll(async () => {
    clearInterval(ticker);
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
  });

  const classroom = async (classroomId: string, displayName: string) => {
    const token = await s.deviceToken(classroomId);
    const peer = await livePeer(
      s.url,
      { roomId: o.occurrenceId, token, displayName },
      { camera: { width: 320, height: 180 }, mic: true },
    );
    peers.push(peer);
    return peer;
  };
  const attendance = async (classroomId: string): Promise<ClassroomAttendance> => {
    const res = await s.api(`/api/lessons/${encodeURIComponent(o.occurrenceId)}`, {
      token: s.tokens.wang,
    });
    const view = (await res.json()) as LessonView;
    return view.attendance.classrooms.find((c) => c.classroomId === classroomId)!;
  };

  it('grades poor the classroom that never showed the teacher, good the one that did', async () => {
    await s.clock.advanceTo(start - 4 * MIN); // the room opens
    const gaolou = await classroom('room-gaolou-1', '高楼镇中心小学 三(1)班');
    const ningyi = await classroom('room-ningyi-1', '高楼镇宁益小学 三(1)班');
    // 宁益's screen says the teacher's tile is hidden the moment her camera comes.
    ningyi.client.on('consumer', (r) => {
      if (r.source === 'camera')
        void ningyi.client.setConsumerPrefs(r.consumerId, { visible: false });
    });
    const teacher = await livePeer(
      s.url,
      { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    peers.push(teacher);
    const teacherId = teacher.client.session!.peerId;
    const seen = await gaolou.waitForTrack(teacherId, 'camera');
    await seen.video!.waitFor(5);
    const hidden = await ningyi.waitForTrack(teacherId, 'camera');

    // Samples are taken every 2 s of real time and stored at most once a second of lesson
    // time: the lesson clock goes on with real time.
    await s.clock.advanceTo(start);
    ticker = setInterval(() => void s.clock.advanceTo(s.clock.now() + 1_000), 1_000);
    await expect
      .poll(async () => (await attendance('room-ningyi-1')).quality.teacherVideo?.samples ?? 0, {
        timeout: 30_000,
        interval: 1_000,
      })
      .toBeGreaterThanOrEqual(5);
    await expect
      .poll(async () => (await attendance('room-gaolou-1')).quality.teacherVideo?.samples ?? 0, {
        timeout: 10_000,
        interval: 1_000,
      })
      .toBeGreaterThanOrEqual(5);
    expect(hidden.video!.frames).toBe(0);

    const poor = (await attendance('room-ningyi-1')).quality;
    expect(poor).toMatchObject({
      grade: 'poor',
      issues: ['no_teacher_video'],
      teacherVideo: { receivedPct: 0, pausedPct: 100, framesDecoded: 0 },
    });
    // Its network was clean: loss and rtt alone graded it good before.
    expect(poor.avgLossPct).toBeLessThan(2);
    expect(poor.avgRttMs).toBeLessThan(200);
    expect(poor.avgSentVideoKbps).toBeGreaterThan(0);

    const good = (await attendance('room-gaolou-1')).quality;
    expect(good).toMatchObject({ grade: 'good', issues: [] });
    expect(good.teacherVideo!.receivedPct).toBeGreaterThanOrEqual(90);
    // What the page decoded, as its own client reported it (not only what was forwarded).
    expect(good.teacherVideo!.framesDecoded).toBeGreaterThan(0);
    expect(good.avgSentVideoKbps).toBeGreaterThan(0);

    const core = (await attendance('room-core-301')).quality;
    expect(core.teacherVideo).toBeUndefined();
    expect(core.avgSentVideoKbps).toBeGreaterThan(0);
  });

  it('refuses a malformed receive report, naming the field', async () => {
    const [gaolou] = peers;
    await expect(
      gaolou!.client.request('receiveReport', {
        consumers: [{ consumerId: 'c1', framesDecoded: -1 }],
      }),
    ).rejects.toMatchObject({ code: 'invalid_payload', field: '/consumers/0/framesDecoded' });
    // A report of consumers the classroom does not have counts for nothing, and is no error.
    await expect(
      gaolou!.client.request('receiveReport', {
        consumers: [{ consumerId: 'someone-elses', framesDecoded: 10 }],
      }),
    ).resolves.toEqual({});
  });
});
