// The shared timer in a lesson's recording when the room and the recording do not begin
// together: a timer the teacher started while the room was only open is logged at when it
// started (the room's lesson clock turned into the recording's), and a room made again
// (everyone left and came back) shows none, so the log clears it for playback and export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../../shared/recording';
import { timerEvents, timerShownAt } from '../../../shared/timerReplay';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

const o = occurrence();
const start = Date.parse(o.start);

describe('the shared timer in a recording', () => {
  let s: LessonServer;
  const peers: LivePeer[] = [];

  beforeAll(async () => {
    s = await startLessonServer();
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
  });

  const teacherJoins = async () => {
    const teacher = await livePeer(s.url, {
      roomId: o.occurrenceId,
      token: s.tokens.wang,
      displayName: '王老师',
    });
    peers.push(teacher);
    return teacher;
  };
  const events = async () =>
    (await s.tongke.recording.recordings.view(o.occurrenceId))?.events ?? [];
  const ofType = (all: LessonEvent[], type: LessonEvent['type']) =>
    all.filter((e) => e.type === type);

  it('logs a timer started before the lesson went live at when it started', async () => {
    await s.clock.advanceTo(start - 4 * MIN);
    const teacher = await teacherJoins();
    await teacher.client.request('startTimer', { mode: 'stopwatch' });
    await s.clock.advanceTo(start);
    await expect
      .poll(async () => ofType(await events(), 'timer_started').length, { timeout: 15_000 })
      .toBe(1);
    const all = await events();
    const began = ofType(all, 'recording_started')[0]!;
    const started = ofType(all, 'timer_started')[0]!;
    // four minutes on the lesson clock before the recording began (its own clock is real time)
    expect(began.at - started.at).toBeGreaterThanOrEqual(4 * MIN - 1000);
    expect(began.at - started.at).toBeLessThanOrEqual(4 * MIN + 1000);
    // what the projectors showed when the recording began (the recorder sees the room a
    // moment after it logs its start)
    expect(timerShownAt(timerEvents(all), began.at)?.digits).toMatch(/^0(3:5\d|4:0\d)$/);
    expect(ofType(all, 'timer_cleared')).toEqual([]);
  });

  it('clears it when the room is made again without one', async () => {
    await peers.splice(0).at(0)!.stop();
    await expect.poll(() => s.tongke.rooms.get(o.occurrenceId, 'lesson')).toBeUndefined();
    await teacherJoins();
    await expect
      .poll(async () => ofType(await events(), 'timer_cleared').length, { timeout: 15_000 })
      .toBe(1);
    const all = await events();
    const cleared = ofType(all, 'timer_cleared')[0]!;
    expect(timerShownAt(timerEvents(all), cleared.at - 1)).not.toBeNull();
    expect(timerShownAt(timerEvents(all), cleared.at)).toBeNull();
  });
});
