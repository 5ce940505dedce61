// The quick question as the projectors showed it at a moment of a recording: while it was
// open, what was asked; once closed, how the classrooms' answers fell, for a while after (the
// live board stays up while the teacher talks it through). Only the count is recorded, never
// a classroom's own answer (server/recording/toolEvents.ts). Shared by playback's card and
// the export's burn-in. Pure.
import type { LessonEvent, QuestionTally } from './recording';
import { answerText, type AnswerValue, type QuestionKind } from './signaling/questions';

/** How long a closed question's result stays on the card (ms of the recording). */
export const RESULT_SHOWN_MS = 20_000;

export interface QuestionAt {
  questionId: string;
  number: number;
  kind: QuestionKind;
  prompt: string;
  choices: number;
  correct?: AnswerValue;
  /** absent while answering; after the close, the count (absent if asked before recording) */
  closed?: { tally?: QuestionTally };
}

/** The question on the card at `ms` (the events' clock), if any. */
export function questionAt(events: readonly LessonEvent[], ms: number): QuestionAt | undefined {
  let shown: QuestionAt | undefined;
  let closedAt = 0;
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    if (e.at > ms) break;
    if (e.type === 'question_asked') {
      const { at: _at, type: _type, limitSeconds: _limit, ...question } = e;
      shown = question;
    } else if (e.type === 'question_closed' && shown?.questionId === e.questionId) {
      shown = { ...shown, closed: e.tally ? { tally: e.tally } : {} };
      closedAt = e.at;
    }
  }
  if (shown?.closed && ms - closedAt >= RESULT_SHOWN_MS) return undefined;
  return shown;
}

/** The moments where the card may change: its events, and each result's taking down. */
export function questionChanges(events: readonly LessonEvent[]): number[] {
  const at = new Set<number>();
  for (const e of events) {
    if (e.type === 'question_asked') at.add(e.at);
    if (e.type === 'question_closed') [e.at, e.at + RESULT_SHOWN_MS].forEach((t) => at.add(t));
  }
  return [...at].sort((a, b) => a - b);
}

const KIND_NAMES: Record<QuestionKind, string> = {
  single: '单选',
  multiple: '多选',
  truefalse: '判断',
  count: '答对人数',
};

/** The card's heading: its number, kind and prompt, the right answer once closed. */
export function questionTitle(q: QuestionAt): string {
  return (
    `第 ${q.number} 题 · ${KIND_NAMES[q.kind]}${q.prompt ? `：${q.prompt}` : ''}` +
    (q.closed && q.correct ? `（正确答案 ${answerText(q.kind, q.correct)}）` : '')
  );
}

/** The one line under the question: answering, or how it fell. */
export function questionSummaryAt(q: QuestionAt): string {
  if (!q.closed) return '作答中… Answering';
  const t = q.closed.tally;
  if (!t) return '已结束（录制开始前提问，未计数）Closed, not counted';
  let line = `已结束：${t.answered} 个教室作答`;
  if (t.totalCount !== undefined) line += `，共 ${t.totalCount} 人答对`;
  if (t.correct !== undefined) line += `，${t.correct} 个答对`;
  return `${line} Closed: ${t.answered} answered`;
}
