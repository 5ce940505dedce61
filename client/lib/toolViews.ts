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
import { h } from './dom';
import type { RoomTools } from './roomTools';

/** 03:00, 1:02:03 */
export function clockText(ms: number, countdown: boolean): string {
  const total = countdown ? Math.ceil(ms / 1000) : Math.floor(ms / 1000);
  const [hh, mm, ss] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return hh > 0 ? `${hh}:${two(mm)}:${two(ss)}` : `${two(mm)}:${two(ss)}`;
}

/** The timer's value on the server's clock now (null: no timer). */
export function timerMs(
  tools: RoomTools,
  timer: TimerState | null = tools.state.timer,
): number | null {
  return timer ? timerValueAt(timer, tools.clock.now()) : null;
}

/**
 * The shared timer, large; redrawn ten times a second from the server's clock. Tests read
 * the value it draws from (window.__tongkeTools.timerMs) to compare screens.
 */
export function timerView(tools: RoomTools): { element: HTMLElement; dispose(): void } {
  const digits = h('span', { class: 'digits' });
  const label = h('span', { class: 'label' });
  const element = h('div', { class: 'shared-timer', hidden: true }, label, digits);
  const draw = () => {
    const timer = tools.state.timer;
    element.hidden = !timer;
    if (!timer) return;
    const ms = timerMs(tools, timer) ?? 0;
    const countdown = timer.mode === 'countdown';
    digits.textContent = clockText(ms, countdown);
    label.textContent = countdown ? (ms === 0 ? '时间到' : '倒计时') : '计时';
    element.classList.toggle('done', countdown && ms === 0);
    element.classList.toggle('stopped', timer.stoppedAt !== undefined);
    element.dataset.ms = String(Math.round(ms));
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
