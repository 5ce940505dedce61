// The questions of a lesson occurrence as its record shows them, read from its log: who
// asked what and when, which classroom answered what and when, right or wrong. Pure.
import type { LessonLogEvent, QuestionRecord } from '../../shared/lessonLog';
import { isCorrect } from '../../shared/signaling/questions';

export function questionRecords(events: readonly LessonLogEvent[]): QuestionRecord[] {
  const byId = new Map<string, QuestionRecord>();
  for (const e of events) {
    if (e.type === 'question_asked') {
      byId.set(e.questionId, {
        questionId: e.questionId,
        number: e.number,
        kind: e.kind,
        prompt: e.prompt,
        choices: e.choices,
        ...(e.correct ? { correct: e.correct } : {}),
        askedAt: e.at,
        askedBy: e.displayName,
        revealed: false,
        hasPicture: e.picture !== undefined,
        answers: [],
      });
      continue;
    }
    if (e.type !== 'question_closed' && e.type !== 'question_revealed' && e.type !== 'answer') {
      continue;
    }
    const q = byId.get(e.questionId);
    if (!q) continue;
    if (e.type === 'question_closed') q.closedAt ??= e.at;
    else if (e.type === 'question_revealed') q.revealed = true;
    else if (!q.answers.some((a) => a.seat === e.seat)) {
      const right = isCorrect(q.correct, e.answer);
      q.answers.push({
        seat: e.seat,
        displayName: e.displayName,
        answer: e.answer,
        at: e.at,
        ...(right !== undefined ? { correct: right } : {}),
      });
    }
  }
  return [...byId.values()].sort((a, b) => a.number - b.number || a.askedAt - b.askedAt);
}
