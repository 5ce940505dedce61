// The notice bell, shared by the teacher's and the coordinator's screens: an unread count
// in a corner of the screen, and the list behind it (newest first, unread ones marked).
// Reads /api/notices every 30 s and whenever the screen comes back into view.
import type { NoticeList, NoticeView } from '../../shared/notifications';
import { h } from './dom';
import { authorized } from './session';

const POLL_MS = 30_000;

function when(ms: number): string {
  return new Intl.DateTimeFormat('zh-CN', {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai', // the communities' clock, as the other screens show it
  }).format(new Date(ms));
}

/** Puts the bell on the page once (a second call returns the first); starts polling. */
export function noticeBell(): HTMLElement {
  const existing = document.querySelector<HTMLElement>('.notice-bell');
  if (existing) return existing;
  const count = h('span', { class: 'notice-count', 'data-unread': '0', text: '0' });
  const button = h(
    'button',
    { type: 'button', class: 'notice-button', 'aria-expanded': 'false', title: '通知 Notices' },
    '🔔 通知 ',
    count,
  );
  const list = h('ul', { class: 'notice-list' });
  const readAll = h('button', {
    type: 'button',
    class: 'notice-read-all',
    text: '全部已读 Mark all read',
  });
  const panel = h(
    'div',
    { class: 'notice-panel', hidden: true },
    h('div', { class: 'notice-head' }, h('strong', { text: '通知 Notices' }), readAll),
    list,
  );
  const bell = h(
    'div',
    { class: 'notice-bell', role: 'region', 'aria-label': '通知' },
    button,
    panel,
  );

  function row(n: NoticeView): HTMLElement {
    const li = h(
      'li',
      { 'data-notice-id': n.id, 'data-kind': n.kind, 'data-read': String(n.read) },
      h('span', { class: 'notice-text', text: n.text.zh }),
      h('span', { class: 'notice-en muted', text: n.text.en }),
      h('time', { class: 'muted', text: when(n.at) }),
    );
    if (!n.read)
      li.addEventListener(
        'click',
        () => void markRead(`/api/notices/${encodeURIComponent(n.id)}/read`),
      );
    return li;
  }

  function show(reply: NoticeList): void {
    count.textContent = String(reply.unread);
    count.dataset.unread = String(reply.unread);
    bell.classList.toggle('has-unread', reply.unread > 0);
    list.replaceChildren(
      ...(reply.notices.length
        ? reply.notices.map(row)
        : [h('li', { class: 'muted', text: '暂无通知 No notices' })]),
    );
  }

  async function refresh(): Promise<void> {
    show(await authorized<NoticeList>('/api/notices'));
  }
  async function markRead(path: string): Promise<void> {
    await authorized(path, { method: 'POST', body: '{}' }).catch(() => undefined);
    await refresh().catch(() => undefined);
  }

  button.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    button.setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) void refresh().catch(() => undefined);
  });
  readAll.addEventListener('click', () => void markRead('/api/notices/read-all'));
  // The open list is a popover over the screen: a click elsewhere closes it.
  document.addEventListener('click', (event) => {
    if (panel.hidden || bell.contains(event.target as Node)) return;
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  });
  const poll = () => void refresh().catch(() => undefined); // offline: the next poll tries again
  setInterval(poll, POLL_MS);
  window.addEventListener('focus', poll);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') poll();
  });
  poll();
  document.body.append(bell);
  return bell;
}
