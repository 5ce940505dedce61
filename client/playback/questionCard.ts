// The quick question as the projectors showed it at a moment of the recording: while it was
// open, what was asked; once closed, how the classrooms' answers fell, for a while after (the
// live board stays up while the teacher talks it through). Only the count is recorded, never
// a classroom's own answer (server/recording/toolEvents.ts).
import type { LessonEvent, QuestionTally } from '../../shared/recording';
import { answerText, type AnswerValue, type QuestionKind } from '../../shared/signaling/questions';
import { h } from '../lib/dom';
import { choiceBars } from '../lib/toolViews';

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

/** The question on the card at `ms` (the events' clock), if any. Pure. */
export function questionAt(events: LessonEvent[], ms: number): QuestionAt | undefined {
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

const KIND_NAMES: Record<QuestionKind, string> = {
  single: '单选',
  multiple: '多选',
  truefalse: '判断',
  count: '答对人数',
};

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

export function questionCardView(q: QuestionAt): HTMLElement {
  const title =
    `第 ${q.number} 题 · ${KIND_NAMES[q.kind]}${q.prompt ? `：${q.prompt}` : ''}` +
    (q.closed && q.correct ? `（正确答案 ${answerText(q.kind, q.correct)}）` : '');
  const tally = q.closed?.tally;
  return h(
    'section',
    {
      class: `recorded-question ${q.closed ? 'closed' : 'open'}`,
      'data-question': String(q.number),
      'aria-live': 'polite',
    },
    h('h2', { text: title }),
    h('p', { class: 'summary', text: questionSummaryAt(q) }),
    tally && q.kind !== 'count'
      ? h('div', { class: 'distribution' }, ...choiceBars(q.kind, tally.perChoice, q.correct))
      : null,
  );
}
