// The quick question of a moment of playback on a card beside the videos: what it is and how
// it fell come from shared/questionReplay.ts (the export burns in the same).
import { questionSummaryAt, questionTitle, type QuestionAt } from '../../shared/questionReplay';
import { h } from '../lib/dom';
import { choiceBars } from '../lib/toolViews';

export function questionCardView(q: QuestionAt): HTMLElement {
  const tally = q.closed?.tally;
  return h(
    'section',
    {
      class: `recorded-question ${q.closed ? 'closed' : 'open'}`,
      'data-question': String(q.number),
      'aria-live': 'polite',
    },
    h('h2', { text: questionTitle(q) }),
    h('p', { class: 'summary', text: questionSummaryAt(q) }),
    tally && q.kind !== 'count'
      ? h('div', { class: 'distribution' }, ...choiceBars(q.kind, tally.perChoice, q.correct))
      : null,
  );
}
