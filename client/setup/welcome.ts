// The invitation link's page: the invited person chooses her password (the link works once),
// and goes on to her screen signed in. The code is taken out of the address bar at once.
import type { Principal } from '../../shared/auth';
import { $, h } from '../lib/dom';
import { session } from '../lib/session';
import { acceptInvitation } from './api';

const app = $('#app');
const code = new URLSearchParams(location.hash.slice(1)).get('invite') ?? '';
history.replaceState(null, '', location.pathname);

const home = (p: Principal) =>
  p.role === 'teacher'
    ? '/teacher/'
    : p.role === 'observer'
      ? '/observe/'
      : p.role === 'district'
        ? '/report/'
        : p.role === 'school_office'
          ? '/coordinator/'
          : '/setup/';

const password = h('input', {
  type: 'password',
  name: 'password',
  autocomplete: 'new-password',
  placeholder: '新密码（至少 8 位）',
});
const again = h('input', {
  type: 'password',
  name: 'again',
  autocomplete: 'new-password',
  placeholder: '再输入一次',
});
const error = h('p', { class: 'error', role: 'alert' });
const form = h(
  'form',
  { class: 'login' },
  h('h1', { text: '同课 · 设置您的密码' }),
  password,
  again,
  h('button', { type: 'submit', class: 'primary', text: '设置密码并登录' }),
  error,
);
form.addEventListener('submit', (e) => {
  e.preventDefault();
  if (password.value.length < 8)
    return void (error.textContent = '密码至少 8 位 At least 8 characters');
  if (password.value !== again.value)
    return void (error.textContent = '两次输入不一致 The two differ');
  acceptInvitation(code, password.value)
    .then((reply) => {
      session.set(reply.token, false);
      location.href = home(reply.principal);
    })
    .catch((e: Error) => (error.textContent = e.message));
});
app.replaceChildren(
  code ? form : h('p', { class: 'error', text: '链接不完整 The link is incomplete' }),
);
