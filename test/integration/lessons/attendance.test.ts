import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonView } from '../../../shared/lessons';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from './support/lessonServer';

const o = occurrence();
const start = Date.parse(o.start);
const end = Date.parse(o.end);

describe('attendance recorded the way the signaling layer reports it', () => {
  let s: LessonServer;
  beforeAll(async () => {
    s = await startLessonServer();
  });
  afterAll(() => s?.close());

  it('gives joins, leaves, minutes, quality and absentees in the lesson record', async () => {
    const recorder = s.tongke.lessons.attendance;
    const id = o.occurrenceId;
    // The signaling layer joins classrooms as they connect (open: device check)…
    await s.clock.advanceTo(start - 3 * MIN);
    await recorder.joined(id, 'room-core-301');
    await recorder.joined(id, 'room-gaolou-1');
    await s.clock.advanceTo(start + 5 * MIN);
    // …reports media stats at most once a second per classroom…
    expect(
      await recorder.quality(id, 'room-gaolou-1', { bitrateKbps: 1500, lossPct: 0.5, rttMs: 40 }),
    ).toBe(true);
    expect(
      await recorder.quality(id, 'room-gaolou-1', { bitrateKbps: 1500, lossPct: 50, rttMs: 40 }),
    ).toBe(false);
    await s.clock.advanceTo(start + 20 * MIN);
    await recorder.quality(id, 'room-gaolou-1', { bitrateKbps: 900, lossPct: 1.5, rttMs: 80 });
    // …and leaves when a connection drops for good.
    await recorder.left(id, 'room-gaolou-1');
    await s.clock.advanceTo(start + 25 * MIN);
    await recorder.joined(id, 'room-gaolou-1');
    await s.clock.advanceTo(end + 1);

    const res = await s.api(`/api/lessons/${encodeURIComponent(id)}`, { token: s.tokens.wang });
    const { attendance } = (await res.json()) as LessonView;
    expect(attendance.absent).toEqual(['room-ningyi-1']);
    const [core, gaolou] = attendance.classrooms;
    expect(core).toMatchObject({
      classroomId: 'room-core-301',
      side: 'core',
      minutesConnected: 40,
      absent: false,
    });
    expect(gaolou).toMatchObject({
      classroomId: 'room-gaolou-1',
      minutesConnected: 35,
      intervals: [
        { from: start - 3 * MIN, to: start + 20 * MIN },
        { from: start + 25 * MIN, to: end },
      ],
      quality: {
        samples: 2,
        avgBitrateKbps: 1200,
        avgLossPct: 1,
        maxLossPct: 1.5,
        avgRttMs: 60,
        maxRttMs: 80,
        grade: 'good',
      },
    });
  });

  it('refuses a malformed stats sample', async () => {
    await expect(
      s.tongke.lessons.attendance.quality(o.occurrenceId, 'room-core-301', {
        bitrateKbps: -1,
        lossPct: 0,
        rttMs: 0,
      }),
    ).rejects.toThrow(/bitrateKbps/);
  });
});
