// The question on the classroom's projector: large, touch-friendly buttons for the
// 辅导教师 to answer for the room; what the room answered; once the teacher reveals it,
// the right answer and how all classrooms answered. The shared timer sits above it all.
import { answerText, choiceLabel, type AnswerValue } from '../../shared/signaling/questions';
import { h } from '../lib/dom';
import type { LiveRoomClient } from '../lib/LiveRoomClient';
import { RoomTools, type ToolsState } from '../lib/roomTools';
import { clockText } from '../../shared/timerReplay';
import { distributionChart, timerView } from '../lib/toolViews';

const kindNames = { single: '单选题', multiple: '多选题', truefalse: '判断题', count: '答对人数' };

export function questionPanel(client: LiveRoomClient): {
  elements: HTMLElement[];
  dispose(): void;
} {
  const tools = new RoomTools(client);
  const timer = timerView(tools);
  const card = h('section', { class: 'question-card', hidden: true, 'aria-live': 'polite' });
  /** the 辅导教师 put this question away; a new one (or its reveal) shows again */
  let hiddenKey = '';
  let picked = new Set<number>();
  let error = '';
  let shownKey = '';

  const send = (answer: AnswerValue) => {
    error = '';
    tools.answer(answer).catch((e: Error) => {
      error = e.message;
      draw(tools.state, true);
    });
  };

  const answerArea = (s: ToolsState): HTMLElement => {
    const q = s.question!;
    if (s.mine) {
      return h('div', { class: 'mine', text: `本教室的答案：${answerText(q.kind, s.mine)}` });
    }
    if (q.state !== 'open') return h('div', { class: 'mine', text: '作答已结束 Answers closed' });
    if (q.kind === 'count') {
      const input = h('input', {
        type: 'number',
        name: 'count',
        min: '0',
        max: '500',
        inputmode: 'numeric',
        placeholder: '人数',
      });
      const ok = h('button', {
        class: 'primary big',
        'data-action': 'submit',
        text: '提交 Submit',
      });
      ok.addEventListener('click', () => {
        const n = Number(input.value);
        if (input.value !== '' && Number.isInteger(n)) send({ count: n });
      });
      return h('div', { class: 'count-entry' }, input, ok);
    }
    const buttons = Array.from({ length: q.choices }, (_, i) => {
      const b = h('button', {
        class: 'choice',
        'data-choice': String(i),
        'aria-pressed': String(picked.has(i)),
        text: choiceLabel(q.kind, i),
      });
      b.addEventListener('click', () => {
        if (q.kind !== 'multiple') return send({ choices: [i] });
        if (picked.has(i)) picked.delete(i);
        else picked.add(i);
        b.setAttribute('aria-pressed', String(picked.has(i)));
      });
      return b;
    });
    const grid = h('div', { class: `choices n${q.choices}` }, ...buttons);
    if (q.kind !== 'multiple') return grid;
    const ok = h('button', { class: 'primary big', 'data-action': 'submit', text: '提交 Submit' });
    ok.addEventListener('click', () => {
      if (picked.size > 0) send({ choices: [...picked].sort((a, b) => a - b) });
    });
    return h('div', {}, grid, ok);
  };

  const draw = (s: ToolsState, force = false) => {
    const q = s.question;
    const key = q ? `${q.questionId}/${q.state}/${s.mine ? 1 : 0}/${s.reveal ? 1 : 0}` : '';
    if (!force && key === shownKey) return;
    if (q && !shownKey.startsWith(q.questionId)) {
      picked = new Set();
      error = '';
    }
    shownKey = key;
    card.hidden = !q || hiddenKey === key;
    if (!q) return card.replaceChildren();
    const close = h('button', { class: 'put-away', 'aria-label': '收起', text: '收起 ✕' });
    close.addEventListener('click', () => {
      hiddenKey = key;
      card.hidden = true;
    });
    const limit = h('span', { class: 'limit' });
    card.dataset.question = q.questionId;
    card.dataset.state = q.state;
    const parts = [
      h(
        'header',
        {},
        h('span', { class: 'number', text: `第 ${q.number} 题 · ${kindNames[q.kind]}` }),
        limit,
        close,
      ),
      q.prompt ? h('div', { class: 'prompt', text: q.prompt }) : null,
      q.picture ? h('img', { class: 'picture', src: q.picture, alt: '课件画面' }) : null,
      answerArea(s),
      error ? h('div', { class: 'error', role: 'alert', text: error }) : null,
      s.reveal
        ? h(
            'div',
            { class: 'reveal' },
            s.reveal.correct
              ? h('div', {
                  class: 'correct',
                  text: `正确答案：${answerText(q.kind, s.reveal.correct)}`,
                })
              : null,
            distributionChart(q.kind, s.reveal.distribution, s.reveal.correct),
          )
        : null,
    ];
    card.replaceChildren(...parts.filter((x): x is HTMLElement => x !== null));
    limitTicker(limit, q.closesAt, q.state);
  };

  let limitTimer: ReturnType<typeof setInterval> | undefined;
  const limitTicker = (el: HTMLElement, closesAt: number | undefined, state: string) => {
    clearInterval(limitTimer);
    if (closesAt === undefined || state !== 'open') return;
    const tick = () =>
      (el.textContent = `剩余 ${clockText(Math.max(0, closesAt - tools.clock.now()), true)}`);
    tick();
    limitTimer = setInterval(tick, 250);
  };

  const off = tools.on('change', (s) => draw(s));
  return {
    elements: [timer.element, card],
    dispose() {
      off();
      clearInterval(limitTimer);
      timer.dispose();
      tools.dispose();
    },
  };
}
