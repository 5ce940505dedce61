// Quick questions and the shared timer in a scheduled lesson, through the real server and
// real signaling: bad answers get a clear ack and change nothing, a classroom that comes
// back sees the question and its own answer, and the occurrence's record lists the
// questions with each classroom's answer, stamped by the server's clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonView } from '../../../shared/lessons';
import type { LessonLogReply } from '../../../shared/lessonLog';
import type { ServerMessage } from '../../../shared/signaling/serverMessages';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

const o = occurrence();
const start = Date.parse(o.start);

describe('quick questions in a scheduled lesson', () => {
  let s: LessonServer;
  let teacher: LivePeer;
  let gaolou: LivePeer;
  let ningyi: LivePeer;
  const peers: LivePeer[] = [];
  const arrived: ServerMessage<'answerReceived'>[] = [];
  const join = async (classroomId: string, displayName: string) => {
    const peer = await livePeer(s.url, {
      roomId: o.occurrenceId,
      token: await s.deviceToken(classroomId),
      displayName,
    });
    peers.push(peer);
    return peer;
  };
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('not refused');
      },
      (e: { code: string; message: string; field?: string }) => e,
    );

  beforeAll(async () => {
    s = await startLessonServer();
    await s.clock.advanceTo(start + MIN);
    teacher = await livePeer(s.url, {
      roomId: o.occurrenceId,
      token: s.tokens.wang,
      displayName: '王老师',
    });
    peers.push(teacher);
    teacher.client.listen('answerReceived', (m) => arrived.push(m));
    gaolou = await join('room-gaolou-1', '高楼镇中心小学 三(1)班');
    ningyi = await join('room-ningyi-1', '高楼镇宁益小学 三(1)班');
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
  });

  it('asks, takes one answer per classroom, refuses bad ones clearly, reveals', async () => {
    const unknown = await refusal(
      gaolou.client.request('answerQuestion', { questionId: 'nope', answer: { choices: [0] } }),
    );
    expect(unknown).toMatchObject({ code: 'not_found', field: '/questionId' });
    expect(unknown.message).toMatch(/^没有这道题/);

    const asked = new Promise<ServerMessage<'questionAsked'>>((resolve) =>
      ningyi.client.listen('questionAsked', resolve),
    );
    const q = await teacher.client.request('askQuestion', {
      kind: 'single',
      prompt: '哪个是质数？',
      choices: 4,
      correct: { choices: [2] },
    });
    expect((await asked).questionId).toBe(q.questionId);
    expect(JSON.stringify(await asked)).not.toContain('correct');
    expect(q.askedAt).toBe(s.clock.now());

    // A classroom may not ask; the teacher may not answer.
    expect(
      await refusal(gaolou.client.request('askQuestion', { kind: 'truefalse', prompt: '' })),
    ).toMatchObject({ code: 'forbidden' });

    const a = await gaolou.client.request('answerQuestion', {
      questionId: q.questionId,
      answer: { choices: [2] },
    });
    expect(a).toMatchObject({ seat: 'room-gaolou-1', correct: true });
    const twice = await refusal(
      gaolou.client.request('answerQuestion', {
        questionId: q.questionId,
        answer: { choices: [1] },
      }),
    );
    expect(twice).toMatchObject({ code: 'forbidden', field: '/questionId' });
    expect(twice.message).toMatch(/^本教室已经作答/);
    const range = await refusal(
      ningyi.client.request('answerQuestion', {
        questionId: q.questionId,
        answer: { choices: [5] },
      }),
    );
    expect(range).toMatchObject({ code: 'invalid_payload', field: '/answer/choices/0' });
    expect(range.message).toMatch(/^选项超出范围/);
    const schema = await refusal(
      ningyi.client.request('answerQuestion', {
        questionId: q.questionId,
        answer: { choices: [99] },
      }),
    );
    expect(schema).toMatchObject({ code: 'invalid_payload', field: '/answer/choices/0' });

    // 宁益 comes back mid-question on a new session: the question is still open for it.
    ningyi.client.listen('questionAsked', () => undefined);
    await ningyi.stop();
    ningyi = await join('room-ningyi-1', '高楼镇宁益小学 三(1)班');
    const back = await ningyi.client.request('questionState', {});
    expect(back.question).toMatchObject({ questionId: q.questionId, state: 'open' });
    expect(back.mine).toBeUndefined();
    await s.clock.advanceTo(s.clock.now() + 5000);
    await ningyi.client.request('answerQuestion', {
      questionId: q.questionId,
      answer: { choices: [0] },
    });
    // And after another reconnect it sees its own answer.
    await ningyi.stop();
    ningyi = await join('room-ningyi-1', '高楼镇宁益小学 三(1)班');
    expect((await ningyi.client.request('questionState', {})).mine).toEqual({ choices: [0] });

    await expect.poll(() => arrived.length).toBe(2);
    expect(arrived[1]!.distribution).toEqual({
      answered: 2,
      classrooms: 2,
      perChoice: [1, 0, 1, 0],
      correct: 1,
    });

    const revealed = new Promise<ServerMessage<'questionRevealed'>>((resolve) =>
      ningyi.client.listen('questionRevealed', resolve),
    );
    await teacher.client.request('revealQuestion', { questionId: q.questionId });
    expect((await revealed).correct).toEqual({ choices: [2] });
    const late = await refusal(
      gaolou.client.request('answerQuestion', {
        questionId: q.questionId,
        answer: { choices: [2] },
      }),
    );
    expect(late.message).toMatch(/^这道题已结束作答/);
  });

  it('runs the timer on the server clock, the teacher’s alone', async () => {
    expect(await refusal(gaolou.client.request('startTimer', { mode: 'stopwatch' }))).toMatchObject(
      { code: 'forbidden' },
    );
    const got = new Promise<ServerMessage<'timer'>>((resolve) =>
      gaolou.client.listen('timer', resolve),
    );
    const timer = await teacher.client.request('startTimer', {
      mode: 'countdown',
      durationSeconds: 180,
    });
    expect(timer).toEqual({ mode: 'countdown', startedAt: s.clock.now(), durationMs: 180_000 });
    expect((await got).timer).toEqual(timer);
    expect((await gaolou.client.request('time', {})).now).toBe(s.clock.now());
    await teacher.client.request('stopTimer', {});
  });

  it('the lesson record lists the question and each classroom’s answer; the log has it all', async () => {
    const res = await s.api(`/api/lessons/${encodeURIComponent(o.occurrenceId)}`, {
      token: s.tokens.wang,
    });
    const view = (await res.json()) as LessonView;
    expect(view.questions).toHaveLength(1);
    const [q] = view.questions!;
    expect(q).toMatchObject({
      number: 1,
      kind: 'single',
      prompt: '哪个是质数？',
      correct: { choices: [2] },
      askedBy: '王老师',
      revealed: true,
    });
    expect(q!.answers.map((a) => [a.seat, a.answer.choices, a.correct])).toEqual([
      ['room-gaolou-1', [2], true],
      ['room-ningyi-1', [0], false],
    ]);
    expect(q!.answers[1]!.at - q!.answers[0]!.at).toBe(5000);

    const log = await s.api(`/api/lessons/${encodeURIComponent(o.occurrenceId)}/events`, {
      token: s.tokens.wang,
    });
    expect(log.status).toBe(200);
    const { events } = (await log.json()) as LessonLogReply;
    const types = events.map((e) => e.type);
    for (const t of [
      'joined',
      'left',
      'question_asked',
      'answer',
      'question_closed',
      'question_revealed',
      'timer_started',
      'timer_stopped',
    ]) {
      expect(types, t).toContain(t);
    }
    const times = events.map((e) => e.at);
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    // A classroom PC does not read the whole log.
    const device = await s.api(`/api/lessons/${encodeURIComponent(o.occurrenceId)}/events`, {
      token: await s.deviceToken('room-gaolou-1'),
    });
    expect(device.status).toBe(403);
  });
});
