// The sign-in form every people-facing screen shows when it has no token.
import type { TokenReply } from '../../shared/auth';
import { h } from './dom';
import { authorized, session } from './session';

export function loginForm(title: string): { element: HTMLElement; signedIn: Promise<TokenReply> } {
  const login = h('input', {
    name: 'login',
    autocomplete: 'username',
    placeholder: '用户名 Login',
  });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    placeholder: '密码 Password',
  });
  const error = h('p', { class: 'error', role: 'alert' });
  const element = h(
    'form',
    { class: 'login' },
    h('h1', { text: title }),
    login,
    password,
    h('button', { type: 'submit', class: 'primary', text: '登录 Sign in' }),
    error,
  );
  const signedIn = new Promise<TokenReply>((resolve) => {
    element.addEventListener('submit', (e) => {
      e.preventDefault();
      authorized<TokenReply>('/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ login: login.value, password: password.value }),
      })
        .then((reply) => {
          session.set(reply.token, true);
          resolve(reply);
        })
        .catch(() => (error.textContent = '用户名或密码错误 Wrong login or password'));
    });
  });
  return { element, signedIn };
}
