// "修改密码": a person changes her own password (the first one came from a coordinator).
import { h } from './dom';
import { authorized, HttpError, session } from './session';

export function passwordForm(): HTMLElement {
  const current = h('input', {
    name: 'currentPassword',
    type: 'password',
    autocomplete: 'current-password',
    placeholder: '当前密码 Current password',
    required: true,
  });
  const next = h('input', {
    name: 'newPassword',
    type: 'password',
    autocomplete: 'new-password',
    placeholder: '新密码（至少 8 位） New password (8+)',
    minlength: '8',
    required: true,
  });
  const status = h('p', { class: 'status', role: 'status' });
  const form = h(
    'form',
    { class: 'password' },
    current,
    next,
    h('button', { type: 'submit', text: '修改 Change' }),
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    status.textContent = '';
    authorized<{ token: string }>('/api/auth/password', {
      method: 'POST',
      body: JSON.stringify({ currentPassword: current.value, newPassword: next.value }),
    })
      .then(({ token }) => {
        // Every older token (this one too) ended with the change: keep the fresh one.
        session.renew(token);
        form.reset();
        status.textContent = '密码已修改 Password changed';
      })
      .catch((error: unknown) => {
        status.textContent =
          error instanceof HttpError && error.code === 'bad_credentials'
            ? '当前密码不正确 The current password is wrong'
            : (error as Error).message;
      });
  });
  return h(
    'details',
    { class: 'change-password' },
    h('summary', { text: '修改密码 Change password' }),
    form,
  );
}
