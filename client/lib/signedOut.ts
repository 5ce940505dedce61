// A room that closed under a signed-in person may mean her account ended (disabled, or its
// password changed elsewhere): the server then refuses her token. She is signed out here
// too, told why, and offered the login form again, rather than left on a dead screen.
import { h } from './dom';
import { authorized, HttpError, session } from './session';

const SIGNED_OUT =
  '您已退出登录：账号已停用或密码已修改，请重新登录 You were signed out: the account was disabled or its password changed';

/** Whether the session's token is refused now; a network failure is not a sign-out. */
async function tokenRefused(): Promise<boolean> {
  if (!session.token) return false;
  try {
    await authorized('/api/auth/me');
    return false;
  } catch (error) {
    return error instanceof HttpError && error.status === 401;
  }
}

/**
 * After the room closed: if the token is refused, forget it and show why, with a button
 * that reloads the page to its login form. Resolves whether she was signed out.
 */
export async function signOutIfRefused(app: HTMLElement): Promise<boolean> {
  if (!(await tokenRefused())) return false;
  session.clear();
  const again = h('button', { class: 'primary', text: '重新登录 Sign in again' });
  again.addEventListener('click', () => location.reload());
  app.replaceChildren(
    h(
      'section',
      { class: 'picker signed-out', role: 'alert' },
      h('h1', { text: '已退出登录 Signed out' }),
      h('p', { text: SIGNED_OUT }),
      again,
    ),
  );
  return true;
}
