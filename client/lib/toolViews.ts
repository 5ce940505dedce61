// What the teacher's screen and every projector draw of the teaching tools alike: the
// shared timer, large, and the distribution of the answers as a bar chart.
import {
  answerText,
  choiceLabel,
  timerValueAt,
  type AnswerValue,
  type Distribution,
  type QuestionKind,
  type TimerState,
} from '../../shared/signaling/questions';
import { timerFace, type TimerFace } from '../../shared/timerReplay';
import { h } from './dom';
import type { RoomTools } from './roomTools';

/** The timer's value on the server's clock now (null: no timer). */
export function timerMs(
  tools: RoomTools,
  timer: TimerState | null = tools.state.timer,
): number | null {
  return timer ? timerValueAt(timer, tools.clock.now()) : null;
}

/** The timer's element, empty and hidden until `drawTimer` gives it a face. */
export function timerElement(): HTMLElement {
  return h(
    'div',
    { class: 'shared-timer', hidden: true },
    h('span', { class: 'label' }),
    h('span', { class: 'digits' }),
  );
}

/** Draws a face on an element of `timerElement` (none: hidden). */
export function drawTimer(element: HTMLElement, face: TimerFace | null): void {
  element.hidden = !face;
  if (!face) return;
  element.querySelector('.digits')!.textContent = face.digits;
  element.querySelector('.label')!.textContent = face.label;
  element.classList.toggle('done', face.done);
  element.classList.toggle('stopped', face.stopped);
  element.dataset.ms = String(Math.round(face.ms));
}

/**
 * The shared timer, large; redrawn ten times a second from the server's clock. Tests read
 * the value it draws from (window.__tongkeTools.timerMs) to compare screens.
 */
export function timerView(tools: RoomTools): { element: HTMLElement; dispose(): void } {
  const element = timerElement();
  const draw = () => {
    const timer = tools.state.timer;
    drawTimer(element, timer ? timerFace(timer, tools.clock.now()) : null);
  };
  const ticker = setInterval(draw, 100);
  const off = tools.on('change', draw);
  (window as unknown as { __tongkeTools: unknown }).__tongkeTools = {
    timerMs: () => timerMs(tools),
    clockRtt: () => tools.clock.rttMs,
  };
  draw();
  return {
    element,
    dispose() {
      clearInterval(ticker);
      off();
    },
  };
}

/** The distribution as bars: per choice (the right one marked), or each classroom's count. */
export function distributionChart(
  kind: QuestionKind,
  dist: Distribution,
  correct?: AnswerValue,
  answers: { displayName: string; answer: AnswerValue }[] = [],
): HTMLElement {
  const summary = h('div', {
    class: 'dist-summary',
    text:
      `${dist.answered} / ${dist.classrooms} 个教室已作答` +
      (dist.correct !== undefined ? `，${dist.correct} 个答对` : '') +
      (dist.totalCount !== undefined ? `，共 ${dist.totalCount} 人答对` : ''),
  });
  if (kind === 'count') {
    const most = Math.max(1, ...answers.map((a) => a.answer.count ?? 0));
    return h(
      'div',
      { class: 'distribution' },
      summary,
      ...answers.map((a) =>
        bar(a.displayName, a.answer.count ?? 0, most, answerText(kind, a.answer), false),
      ),
    );
  }
  return h('div', { class: 'distribution' }, summary, ...choiceBars(kind, dist.perChoice, correct));
}

/** One bar per choice, as long as the classrooms that chose it; the right one marked. */
export function choiceBars(
  kind: QuestionKind,
  perChoice: number[],
  correct?: AnswerValue,
): HTMLElement[] {
  const most = Math.max(1, ...perChoice);
  const right = new Set(correct?.choices ?? []);
  return perChoice.map((n, i) =>
    bar(choiceLabel(kind, i), n, most, `${n}`, right.has(i), `choice-${i}`),
  );
}

function bar(
  label: string,
  value: number,
  most: number,
  text: string,
  right: boolean,
  key?: string,
): HTMLElement {
  const fill = h('div', { class: 'fill' });
  fill.style.width = `${Math.round((value / most) * 100)}%`;
  return h(
    'div',
    { class: `bar-row${right ? ' right' : ''}`, 'data-bar': key, 'data-value': String(value) },
    h('span', { class: 'bar-label', text: right ? `${label} ✓` : label }),
    h('div', { class: 'bar-track' }, fill),
    h('span', { class: 'bar-value', text }),
  );
}
