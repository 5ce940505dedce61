// Quick questions in a room of fake connections: who may ask and answer, what each screen
// is told, what the lesson's log gets, what a classroom that comes back sees.
import { describe, expect, it, vi } from 'vitest';
import type { LiveRole } from '../../../../shared/signaling/events';
import type { LessonLogEvent } from '../../../../shared/lessonLog';
import { LiveRoom } from '../../../../server/live/LiveRoom';
import { Participant } from '../../../../server/live/Participant';
import { RoomQuestions, type Timers } from '../../../../server/live/questions/RoomQuestions';
import { FakeConnection, FakeMedia, type FakePorts } from '../fakes';

function setup() {
  let now = 1000;
  const room = new LiveRoom<FakePorts>({
    id: 'o1',
    kind: 'lesson',
    now: () => now,
    log: { warn: vi.fn(), error: vi.fn() },
    media: async () => new FakeMedia([]),
  });
  const logged: LessonLogEvent[] = [];
  room.on('logged', (e) => logged.push(e));
  const pending: { fn: () => void; at: number }[] = [];
  const timers: Timers = {
    set: (fn, ms) => pending.push({ fn, at: now + ms }),
    clear: () => pending.splice(0),
  };
  const tools = new RoomQuestions(room, () => now, timers);
  const join = async (role: LiveRole, name: string, classroomId?: string) => {
    const p = new Participant<FakePorts>({
      displayName: name,
      role,
      connection: new FakeConnection([]),
      joinedAt: now,
      ...(classroomId
        ? {
            principal: { sub: classroomId, role: 'device', communityIds: [], classroomId } as never,
          }
        : {}),
    });
    await room.add(p);
    return p;
  };
  const sent = (p: Participant<FakePorts>, event: string) =>
    p.connection.sent.filter((m) => m.event === event).map((m) => m.payload);
  return {
    room,
    tools,
    join,
    sent,
    logged,
    advance(ms: number) {
      now += ms;
      for (const t of pending.splice(0)) if (t.at <= now) t.fn();
    },
  };
}

describe('a room’s quick questions', () => {
  it('the teacher asks, every screen is told, classrooms answer, she sees them arrive', async () => {
    const s = setup();
    const t = await s.join('teacher', '林老师');
    const a = await s.join('classroom', '潘山 三(1)', 'room-a');
    const b = await s.join('classroom', '下林 三(2)', 'room-b');
    const view = s.tools.ask(t, {
      kind: 'single',
      prompt: '2+2=?',
      choices: 4,
      correct: { choices: [1] },
    });
    expect(s.sent(a, 'questionAsked')).toEqual([view]);
    expect(JSON.stringify(view)).not.toContain('correct');
    s.tools.answer(a, view.questionId, { choices: [1] });
    expect(s.sent(t, 'answerReceived')).toEqual([
      {
        answer: expect.objectContaining({ seat: 'room-a', correct: true }),
        distribution: { answered: 1, classrooms: 2, perChoice: [0, 1, 0, 0], correct: 1 },
      },
    ]);
    // A classroom does not see the others' answers before the reveal.
    expect(s.sent(b, 'answerReceived')).toEqual([]);
    expect(() => s.tools.answer(t, view.questionId, { choices: [0] })).toThrow(/只有教室可以作答/);
    expect(() => s.tools.ask(a, { kind: 'truefalse', prompt: '' })).toThrow(/只有主讲教师/);
    const reveal = s.tools.reveal(t, view.questionId);
    expect(s.sent(b, 'questionRevealed')).toEqual([reveal]);
    expect(s.sent(b, 'questionClosed')).toHaveLength(1);
    expect(s.logged.map((e) => e.type)).toEqual([
      'question_asked',
      'answer',
      'question_closed',
      'question_revealed',
    ]);
  });

  it('a classroom that comes back (a new session of the same classroom) sees the question and its own answer', async () => {
    const s = setup();
    const t = await s.join('teacher', '林老师');
    const a = await s.join('classroom', '潘山 三(1)', 'room-a');
    const view = s.tools.ask(t, { kind: 'multiple', prompt: '', choices: 5 });
    s.tools.answer(a, view.questionId, { choices: [0, 4] });
    s.room.remove(a);
    const again = await s.join('classroom', '潘山 三(1)', 'room-a');
    const snap = s.tools.snapshot(again);
    expect(snap.question?.questionId).toBe(view.questionId);
    expect(snap.question?.state).toBe('open');
    expect(snap.mine).toEqual({ choices: [0, 4] });
    expect(snap.answers).toBeUndefined();
    expect(() => s.tools.answer(again, view.questionId, { choices: [1] })).toThrow(/已经作答/);
    expect(s.tools.snapshot(t).answers).toHaveLength(1);
  });

  it('closes a question at its time limit and tells every screen', async () => {
    const s = setup();
    const t = await s.join('teacher', '林老师');
    const a = await s.join('classroom', '潘山 三(1)', 'room-a');
    const view = s.tools.ask(t, { kind: 'truefalse', prompt: '', limitSeconds: 10 });
    s.advance(10_000);
    expect(s.sent(a, 'questionClosed')).toEqual([
      { questionId: view.questionId, closedAt: 11_000 },
    ]);
    expect(s.logged.at(-1)).toEqual({
      at: 11_000,
      type: 'question_closed',
      questionId: view.questionId,
    });
  });

  it('the timer is the teacher’s; every screen gets its state on the server clock', async () => {
    const s = setup();
    const t = await s.join('teacher', '林老师');
    const a = await s.join('classroom', '潘山 三(1)', 'room-a');
    expect(() => s.tools.startTimer(a, 'stopwatch')).toThrow(/计时器/);
    const state = s.tools.startTimer(t, 'countdown', 180);
    expect(state).toEqual({ mode: 'countdown', startedAt: 1000, durationMs: 180_000 });
    expect(s.sent(a, 'timer')).toEqual([{ timer: state }]);
    s.advance(5000);
    s.tools.stopTimer(t);
    expect(s.tools.snapshot(a).timer).toEqual({ ...state, stoppedAt: 6000 });
    expect(s.logged.map((e) => e.type)).toEqual(['timer_started', 'timer_stopped']);
  });
});
