import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../../shared/recording';
import {
  RESULT_SHOWN_MS,
  questionAt,
  questionChanges,
  questionSummaryAt,
} from '../../../shared/questionReplay';

const asked = (at: number, id: string, number: number): LessonEvent => ({
  at,
  type: 'question_asked',
  questionId: id,
  number,
  kind: 'single',
  prompt: `题 ${number}`,
  choices: 3,
  correct: { choices: [1] },
});
const closed = (at: number, id: string, perChoice = [1, 2, 0]): LessonEvent => ({
  at,
  type: 'question_closed',
  questionId: id,
  tally: { answered: 3, perChoice, correct: 2 },
});

describe('the question on the playback card', () => {
  const events: LessonEvent[] = [
    closed(30_000, 'q1'),
    asked(10_000, 'q1', 1),
    { at: 12_000, type: 'timer_stopped' },
    asked(90_000, 'q2', 2),
    closed(95_000, 'q2'),
  ];

  it('is none before the first question', () => {
    expect(questionAt(events, 9_999)).toBeUndefined();
  });

  it('is the question while it is answered, in whatever order the log holds it', () => {
    const q = questionAt(events, 20_000);
    expect(q).toMatchObject({ questionId: 'q1', number: 1 });
    expect(q!.closed).toBeUndefined();
    expect(questionSummaryAt(q!)).toMatch(/^作答中/);
  });

  it('shows how it fell from its close, for a while, then nothing', () => {
    const q = questionAt(events, 30_000);
    expect(q!.closed!.tally!.perChoice).toEqual([1, 2, 0]);
    expect(questionSummaryAt(q!)).toBe('已结束：3 个教室作答，2 个答对 Closed: 3 answered');
    expect(questionAt(events, 30_000 + RESULT_SHOWN_MS - 1)?.questionId).toBe('q1');
    expect(questionAt(events, 30_000 + RESULT_SHOWN_MS)).toBeUndefined();
  });

  it('gives way to the next question, even before the last result has been up long', () => {
    expect(questionAt(events, 90_000)).toMatchObject({ questionId: 'q2' });
    expect(questionAt(events, 96_000)!.closed).toBeDefined();
  });

  it('says so when the answers were not counted (asked before the recording began)', () => {
    const q = questionAt(
      [asked(0, 'q', 1), { at: 5, type: 'question_closed', questionId: 'q' }],
      6,
    );
    expect(questionSummaryAt(q!)).toMatch(/^已结束（录制开始前提问，未计数）/);
  });

  it('ignores a close of a question it never saw asked', () => {
    expect(questionAt([closed(5, 'other')], 6)).toBeUndefined();
  });

  it('knows where the card may change: an ask, a close, its result taken down', () => {
    expect(questionChanges([closed(5_000, 'q1'), asked(1_000, 'q1', 1)])).toEqual([
      1_000,
      5_000,
      5_000 + RESULT_SHOWN_MS,
    ]);
  });
});
