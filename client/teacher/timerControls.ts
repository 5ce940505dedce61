// The teacher starts the shared timer: a countdown (练习 3 分钟…) or a stopwatch; stops it.
import { h } from '../lib/dom';
import type { RoomTools } from '../lib/roomTools';

export function timerControls(tools: RoomTools, status: HTMLElement): HTMLElement {
  const fail = (e: Error) => (status.textContent = e.message);
  const minutes = h('input', {
    type: 'number',
    name: 'timer-minutes',
    min: '1',
    max: '360',
    value: '3',
  });
  const countdown = h('button', { 'data-action': 'countdown', text: '倒计时' });
  countdown.addEventListener('click', () => {
    const m = Number(minutes.value);
    if (m > 0) void tools.startTimer('countdown', Math.round(m * 60)).catch(fail);
  });
  const stopwatch = h('button', { 'data-action': 'stopwatch', text: '正计时' });
  stopwatch.addEventListener('click', () => void tools.startTimer('stopwatch').catch(fail));
  const stop = h('button', { 'data-action': 'stop-timer', text: '停止' });
  stop.addEventListener('click', () => void tools.stopTimer().catch(fail));
  return h(
    'div',
    { class: 'timer-controls' },
    minutes,
    h('span', { text: '分钟' }),
    countdown,
    stopwatch,
    stop,
  );
}
