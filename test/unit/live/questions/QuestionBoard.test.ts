// The rules of quick questions, pure: one open question at a time, one answer per
// classroom, a choice in range, nothing changed by a refusal; the timer on the server clock.
import { describe, expect, it } from 'vitest';
import {
  QuestionBoard,
  distribution,
  viewOf,
} from '../../../../server/live/questions/QuestionBoard';
import { SharedTimer } from '../../../../server/live/questions/SharedTimer';
import { RoomError } from '../../../../server/live/RoomError';
import { timerValueAt, isCorrect } from '../../../../shared/signaling/questions';

const teacher = { peerId: 't', displayName: '林老师' };
const seat = (id: string) => ({ seat: id, displayName: `教室 ${id}` });

function refusal(fn: () => unknown): RoomError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RoomError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('quick questions', () => {
  it('numbers questions, and a new one closes the one still open', () => {
    const b = new QuestionBoard();
    const q1 = b.ask({ kind: 'single', prompt: '第一题', choices: 4 }, teacher, 1000).question;
    const { question: q2, closed } = b.ask({ kind: 'truefalse', prompt: '' }, teacher, 2000);
    expect([q1.number, q2.number]).toEqual([1, 2]);
    expect(closed?.id).toBe(q1.id);
    expect(q1.closedAt).toBe(2000);
    expect(q2.choices).toBe(2);
    expect(b.open(2001)?.id).toBe(q2.id);
  });

  it('takes one answer per classroom and counts how they fall', () => {
    const b = new QuestionBoard();
    const q = b.ask(
      { kind: 'single', prompt: '', choices: 4, correct: { choices: [2] } },
      teacher,
      0,
    ).question;
    expect(b.answer(q.id, seat('a'), { choices: [2] }, 10).correct).toBe(true);
    expect(b.answer(q.id, seat('b'), { choices: [0] }, 11).correct).toBe(false);
    expect(distribution(q, 3)).toEqual({
      answered: 2,
      classrooms: 3,
      perChoice: [1, 0, 1, 0],
      correct: 1,
    });
  });

  it('refuses a second answer, a closed or unknown question, a choice out of range — and changes nothing', () => {
    const b = new QuestionBoard();
    const q = b.ask({ kind: 'single', prompt: '', choices: 3 }, teacher, 0).question;
    b.answer(q.id, seat('a'), { choices: [1] }, 1);
    const twice = refusal(() => b.answer(q.id, seat('a'), { choices: [0] }, 2));
    expect([twice.code, twice.field]).toEqual(['forbidden', '/questionId']);
    expect(twice.message).toMatch(/^本教室已经作答/);
    expect(q.answers.get('a')?.answer).toEqual({ choices: [1] });

    const range = refusal(() => b.answer(q.id, seat('b'), { choices: [3] }, 2));
    expect([range.code, range.field]).toEqual(['invalid_payload', '/answer/choices/0']);
    expect(range.message).toContain('只有 3 个选项');
    const two = refusal(() => b.answer(q.id, seat('b'), { choices: [0, 1] }, 2));
    expect(two.field).toBe('/answer/choices');
    const none = refusal(() => b.answer(q.id, seat('b'), { count: 3 }, 2));
    expect(none.field).toBe('/answer/choices');
    expect(q.answers.size).toBe(1);

    expect(refusal(() => b.answer('nope', seat('b'), { choices: [0] }, 2)).code).toBe('not_found');
    expect(b.close(q.id, 5)).toBe(true);
    expect(b.close(q.id, 6)).toBe(false);
    const closed = refusal(() => b.answer(q.id, seat('b'), { choices: [0] }, 7));
    expect(closed.code).toBe('forbidden');
    expect(closed.message).toMatch(/^这道题已结束作答 This question is closed/);
    expect(q.answers.size).toBe(1);
  });

  it('closes at its time limit, whatever the teacher does later', () => {
    const b = new QuestionBoard();
    const q = b.ask(
      { kind: 'multiple', prompt: '', choices: 4, limitSeconds: 30 },
      teacher,
      0,
    ).question;
    expect(b.answer(q.id, seat('a'), { choices: [3, 0] }, 29_999).answer.choices).toEqual([3, 0]);
    expect(refusal(() => b.answer(q.id, seat('b'), { choices: [0] }, 30_000)).code).toBe(
      'forbidden',
    );
    expect(viewOf(q, 30_000).state).toBe('closed');
    expect(b.expired(30_000).map((x) => x.id)).toEqual([q.id]);
    b.close(q.id, 45_000);
    expect(q.closedAt).toBe(30_000);
  });

  it('a count question sums what the classrooms typed; it has no right answer', () => {
    const b = new QuestionBoard();
    const q = b.ask({ kind: 'count', prompt: '答对人数' }, teacher, 0).question;
    b.answer(q.id, seat('a'), { count: 23 }, 1);
    b.answer(q.id, seat('b'), { count: 30 }, 2);
    expect(refusal(() => b.answer(q.id, seat('c'), { choices: [0] }, 3)).field).toBe(
      '/answer/count',
    );
    expect(distribution(q, 2)).toEqual({
      answered: 2,
      classrooms: 2,
      perChoice: [],
      totalCount: 53,
    });
    expect(q.answers.get('a')?.correct).toBeUndefined();
  });

  it('reveals the right answer and the distribution, closing it', () => {
    const b = new QuestionBoard();
    const q = b.ask(
      { kind: 'truefalse', prompt: '', correct: { choices: [0] } },
      teacher,
      0,
    ).question;
    b.answer(q.id, seat('a'), { choices: [1] }, 1);
    const r = b.reveal(q.id, 2, 3);
    expect(r).toEqual({
      questionId: q.id,
      correct: { choices: [0] },
      distribution: { answered: 1, classrooms: 3, perChoice: [0, 1], correct: 0 },
    });
    expect(viewOf(q, 3).state).toBe('revealed');
  });

  it('refuses a question whose right answer does not fit it, or without its choices', () => {
    const b = new QuestionBoard();
    expect(
      refusal(() =>
        b.ask({ kind: 'single', prompt: '', choices: 2, correct: { choices: [5] } }, teacher, 0),
      ).field,
    ).toBe('/correct/choices/0');
    expect(refusal(() => b.ask({ kind: 'multiple', prompt: '' }, teacher, 0)).field).toBe(
      '/choices',
    );
    expect(b.latest).toBeUndefined();
  });

  it('matches multiple-choice answers as sets', () => {
    expect(isCorrect({ choices: [0, 2] }, { choices: [2, 0] })).toBe(true);
    expect(isCorrect({ choices: [0, 2] }, { choices: [0] })).toBe(false);
    expect(isCorrect(undefined, { choices: [0] })).toBeUndefined();
  });
});

describe('the shared timer', () => {
  it('counts down on the server clock, never below 0, and holds where it was stopped', () => {
    const t = new SharedTimer();
    const s = t.start('countdown', 180_000, 10_000);
    expect(timerValueAt(s, 10_000)).toBe(180_000);
    expect(timerValueAt(s, 70_000)).toBe(120_000);
    expect(timerValueAt(s, 999_999)).toBe(0);
    expect(t.stop(100_000)).toBe(true);
    expect(t.stop(100_001)).toBe(false);
    expect(timerValueAt(t.state!, 500_000)).toBe(90_000);
  });

  it('runs a stopwatch up; a countdown needs its length', () => {
    const t = new SharedTimer();
    const s = t.start('stopwatch', undefined, 1000);
    expect(timerValueAt(s, 6000)).toBe(5000);
    expect(refusal(() => t.start('countdown', undefined, 0)).field).toBe('/durationSeconds');
    expect(t.state).toBe(s);
  });
});
