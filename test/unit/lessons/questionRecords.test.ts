import { describe, expect, it } from 'vitest';
import { questionRecords } from '../../../server/lessons/questionRecords';

describe('the questions of a lesson record, from its log', () => {
  it('lists each question with every classroom’s first answer, right or wrong', () => {
    const records = questionRecords([
      {
        at: 1,
        type: 'question_asked',
        questionId: 'q1',
        number: 1,
        kind: 'truefalse',
        prompt: '',
        choices: 2,
        correct: { choices: [0] },
        picture: 'data:image/jpeg;base64,AA',
        peerId: 't',
        displayName: '林老师',
      },
      {
        at: 2,
        type: 'answer',
        questionId: 'q1',
        seat: 'a',
        peerId: 'p1',
        displayName: '甲',
        answer: { choices: [0] },
      },
      {
        at: 3,
        type: 'answer',
        questionId: 'q1',
        seat: 'b',
        peerId: 'p2',
        displayName: '乙',
        answer: { choices: [1] },
      },
      {
        at: 4,
        type: 'answer',
        questionId: 'q1',
        seat: 'b',
        peerId: 'p3',
        displayName: '乙',
        answer: { choices: [0] },
      },
      { at: 5, type: 'question_closed', questionId: 'q1' },
      { at: 6, type: 'question_revealed', questionId: 'q1' },
      {
        at: 7,
        type: 'answer',
        questionId: 'unknown',
        seat: 'a',
        peerId: 'p1',
        displayName: '甲',
        answer: { choices: [0] },
      },
    ]);
    expect(records).toEqual([
      {
        questionId: 'q1',
        number: 1,
        kind: 'truefalse',
        prompt: '',
        choices: 2,
        correct: { choices: [0] },
        askedAt: 1,
        askedBy: '林老师',
        closedAt: 5,
        revealed: true,
        hasPicture: true,
        answers: [
          { seat: 'a', displayName: '甲', answer: { choices: [0] }, at: 2, correct: true },
          { seat: 'b', displayName: '乙', answer: { choices: [1] }, at: 3, correct: false },
        ],
      },
    ]);
  });
});
