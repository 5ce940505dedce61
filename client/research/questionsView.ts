// The lesson's quick questions in the research room: each question, how many classrooms
// got it wrong ("5 个教室中 2 个答错第 3 题"), and each classroom's answer, to discuss.
import type { LessonView } from '../../shared/lessons';
import type { QuestionRecord } from '../../shared/lessonLog';
import { answerText } from '../../shared/signaling/questions';
import { h } from '../lib/dom';
import { formatTime } from './recordView';

const kindNames = { single: '单选', multiple: '多选', truefalse: '判断', count: '答对人数' };

/** The one line a research meeting talks about. */
export function questionSummary(q: QuestionRecord): string {
  const n = q.answers.length;
  if (q.kind === 'count') {
    const total = q.answers.reduce((sum, a) => sum + (a.answer.count ?? 0), 0);
    return `第 ${q.number} 题：${n} 个教室报告，共 ${total} 人答对`;
  }
  if (!q.correct) return `第 ${q.number} 题：${n} 个教室作答（未设正确答案）`;
  const wrong = q.answers.filter((a) => a.correct === false).length;
  return `${n} 个教室中 ${wrong} 个答错第 ${q.number} 题`;
}

export function questionsView(view: LessonView): HTMLElement | null {
  const questions = view.questions ?? [];
  if (questions.length === 0) return null;
  return h(
    'section',
    { class: 'questions-record' },
    h('h2', { text: '随堂提问 Quick questions' }),
    ...questions.map((q) =>
      h(
        'div',
        { class: 'question-record', 'data-question': String(q.number) },
        h('h3', {
          text: `第 ${q.number} 题 · ${kindNames[q.kind]}${q.prompt ? `：${q.prompt}` : ''}${
            q.correct ? `（正确答案 ${answerText(q.kind, q.correct)}）` : ''
          }`,
        }),
        h('p', { class: 'summary', text: questionSummary(q) }),
        h(
          'table',
          { class: 'answers' },
          h(
            'thead',
            {},
            h('tr', {}, ...['教室', '答案', '对错', '时间'].map((t) => h('th', { text: t }))),
          ),
          h(
            'tbody',
            {},
            ...q.answers.map((a) =>
              h(
                'tr',
                { 'data-seat': a.seat },
                h('td', { text: a.displayName }),
                h('td', { text: answerText(q.kind, a.answer) }),
                h('td', { text: a.correct === undefined ? '' : a.correct ? '✓ 对' : '✗ 错' }),
                h('td', { text: formatTime(a.at) }),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
