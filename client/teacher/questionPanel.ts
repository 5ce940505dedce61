// The teacher's quick questions and shared timer: she asks (single, multiple, true/false,
// or a count the 辅导教师 types), optionally over a still of her shared courseware and with
// a time limit; sees each classroom's answer arrive and the distribution as a chart; closes
// it, or reveals the right answer and the distribution on every projector.
import {
  answerText,
  choiceLabel,
  type AnswerValue,
  type AskQuestion,
  type QuestionKind,
} from '../../shared/signaling/questions';
import { h } from '../lib/dom';
import type { LiveRoomClient } from '../lib/LiveRoomClient';
import { RoomTools, type ToolsState } from '../lib/roomTools';
import { distributionChart, timerView } from '../lib/toolViews';
import { captureStill } from './captureStill';
import { timerControls } from './timerControls';

const kinds: [QuestionKind, string][] = [
  ['single', '单选'],
  ['multiple', '多选'],
  ['truefalse', '判断'],
  ['count', '答对人数'],
];

export function questionPanel(
  client: LiveRoomClient,
  screenTrack: () => MediaStreamTrack | undefined,
): { element: HTMLElement; timer: HTMLElement } {
  const tools = new RoomTools(client);
  const timer = timerView(tools);
  let kind: QuestionKind = 'single';
  let correct = new Set<number>();
  /** the right answers she set, to mark them on her chart before she reveals them */
  const correctOf = new Map<string, AnswerValue>();

  const kindButtons = kinds.map(([k, label]) => {
    const b = h('button', { type: 'button', 'data-kind': k, text: label });
    b.addEventListener('click', () => {
      kind = k;
      correct = new Set();
      drawForm();
    });
    return b;
  });
  const prompt = h('input', { name: 'prompt', maxlength: '200', placeholder: '题目（可不填）' });
  const choices = h(
    'select',
    { name: 'choices' },
    ...[2, 3, 4, 5, 6, 7, 8].map((n) => h('option', { value: String(n), text: `${n} 个选项` })),
  );
  choices.value = '4';
  const limit = h(
    'select',
    { name: 'limit' },
    h('option', { value: '', text: '不限时' }),
    ...[30, 60, 120, 180, 300].map((s) =>
      h('option', { value: String(s), text: `${s / 60 >= 1 ? `${s / 60} 分钟` : `${s} 秒`}` }),
    ),
  );
  const withPicture = h('input', { type: 'checkbox', name: 'picture' });
  const correctRow = h('div', { class: 'correct-row' });
  const status = h('div', { class: 'status', role: 'status' });
  const ask = h('button', { class: 'primary', 'data-action': 'ask', text: '发布题目 Ask' });
  const form = h(
    'div',
    { class: 'ask-form' },
    h('div', { class: 'kinds' }, ...kindButtons),
    prompt,
    choices,
    h('label', {}, '正确答案（可不设）', correctRow),
    limit,
    h('label', {}, withPicture, ' 附课件画面'),
    ask,
    status,
  );

  function nChoices(): number {
    return kind === 'truefalse' ? 2 : kind === 'count' ? 0 : Number(choices.value);
  }
  function drawForm(): void {
    for (const b of kindButtons) b.setAttribute('aria-pressed', String(b.dataset.kind === kind));
    choices.hidden = kind === 'truefalse' || kind === 'count';
    correctRow.replaceChildren(
      ...Array.from({ length: nChoices() }, (_, i) => {
        const b = h('button', {
          type: 'button',
          'data-correct': String(i),
          'aria-pressed': String(correct.has(i)),
          text: choiceLabel(kind, i),
        });
        b.addEventListener('click', () => {
          if (correct.has(i)) correct.delete(i);
          else {
            if (kind !== 'multiple') correct.clear();
            correct.add(i);
          }
          drawForm();
        });
        return b;
      }),
    );
    correctRow.parentElement!.hidden = kind === 'count';
  }
  choices.addEventListener('change', () => {
    correct = new Set([...correct].filter((i) => i < nChoices()));
    drawForm();
  });

  ask.addEventListener('click', () => {
    ask.disabled = true;
    status.textContent = '';
    void (async () => {
      const track = screenTrack();
      const picture = withPicture.checked && track ? await captureStill(track) : undefined;
      const spec: AskQuestion = {
        kind,
        prompt: prompt.value.trim(),
        ...(kind === 'single' || kind === 'multiple' ? { choices: nChoices() } : {}),
        ...(correct.size > 0 && kind !== 'count'
          ? { correct: { choices: [...correct].sort((a, b) => a - b) } as AnswerValue }
          : {}),
        ...(limit.value ? { limitSeconds: Number(limit.value) } : {}),
        ...(picture ? { picture } : {}),
      };
      const view = await tools.ask(spec);
      if (spec.correct) correctOf.set(view.questionId, spec.correct);
      prompt.value = '';
    })()
      .catch((e: Error) => (status.textContent = e.message))
      .finally(() => (ask.disabled = false));
  });

  const live = h('div', { class: 'question-live' });
  const drawLive = (s: ToolsState) => {
    const q = s.question;
    if (!q) return live.replaceChildren(h('p', { class: 'muted', text: '尚未提问' }));
    const close = h('button', {
      'data-action': 'close-question',
      text: '结束作答',
      disabled: q.state !== 'open',
    });
    close.addEventListener(
      'click',
      () => void tools.close().catch((e: Error) => (status.textContent = e.message)),
    );
    const reveal = h('button', {
      class: 'primary',
      'data-action': 'reveal',
      text: '公布答案 Reveal',
      disabled: q.state === 'revealed',
    });
    reveal.addEventListener(
      'click',
      () => void tools.reveal().catch((e: Error) => (status.textContent = e.message)),
    );
    const dist = s.distribution ?? {
      answered: 0,
      classrooms: 0,
      perChoice: Array.from({ length: q.choices }, () => 0),
    };
    const rows = s.answers.map((a) =>
      h(
        'tr',
        { 'data-seat': a.seat },
        h('td', { text: a.displayName }),
        h('td', { text: answerText(q.kind, a.answer) }),
        h('td', { text: a.correct === undefined ? '' : a.correct ? '✓' : '✗' }),
      ),
    );
    live.dataset.question = q.questionId;
    live.dataset.state = q.state;
    live.replaceChildren(
      h('div', {
        class: 'q-title',
        text: `第 ${q.number} 题${q.prompt ? `：${q.prompt}` : ''}（${q.state === 'open' ? '作答中' : q.state === 'closed' ? '已结束' : '已公布'}）`,
      }),
      distributionChart(q.kind, dist, s.reveal?.correct ?? correctOf.get(q.questionId), s.answers),
      h('table', { class: 'answers' }, h('tbody', {}, ...rows)),
      h('div', { class: 'q-actions' }, close, reveal),
    );
  };
  tools.on('change', drawLive);
  drawForm();
  drawLive(tools.state);

  const element = h(
    'details',
    { class: 'tools-panel', open: true },
    h('summary', { text: '随堂提问 · 计时 Questions & timer' }),
    form,
    live,
    timerControls(tools, status),
  );
  return { element, timer: timer.element };
}
