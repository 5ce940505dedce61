// The 辅导教师 types in the lesson's chat from the classroom PC.
import type { LiveRoomClient } from '../lib/LiveRoomClient';
import { describeJoinError } from '../../shared/messages';
import { h } from '../lib/dom';

export function chatForm(client: LiveRoomClient): HTMLElement {
  const input = h('input', {
    name: 'chat',
    autocomplete: 'off',
    maxlength: '1000',
    placeholder: '发送消息 Message',
  });
  const error = h('div', { class: 'chat-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'chat-form' },
    input,
    h('button', { type: 'submit', text: '发送 Send' }),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    void client.sendChat(text).then(
      () => ((input.value = ''), (error.textContent = '')),
      (e: Error & { code?: string }) => (error.textContent = describeJoinError(e)),
    );
  });
  return form;
}
