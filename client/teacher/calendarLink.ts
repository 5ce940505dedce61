// 订阅课表: the teacher's own calendar subscription. Her feed token is long-lived and opens
// only her feed (POST /api/ical-feeds); she can revoke it here, and a new one replaces it.
// The token is shown once by the server, so the address is offered when it is made.
import type { Principal } from '../../shared/auth';
import type { FeedInfo, NewFeedReply } from '../../shared/icalFeeds';
import { h } from '../lib/dom';
import { authorized, HttpError } from '../lib/session';

export function calendarLink(me: Principal): HTMLElement | null {
  const teacherId = me.teacherId;
  if (!teacherId) return null;
  const status = h('p', { class: 'muted', role: 'status' });
  const address = h('input', { name: 'feed-url', readonly: true, hidden: true, size: '60' });
  const make = h('button', {
    type: 'button',
    'data-action': 'feed-new',
    text: '生成订阅链接 Get a subscription link',
  });
  const revoke = h('button', {
    type: 'button',
    'data-action': 'feed-revoke',
    text: '撤销 Revoke',
    hidden: true,
  });
  const say = (e: unknown) => (status.textContent = e instanceof HttpError ? e.message : String(e));
  const mine = () =>
    authorized<FeedInfo[]>('/api/ical-feeds').then((all) =>
      all.filter((f) => f.kind === 'teacher' && f.targetId === teacherId && !f.revokedAt),
    );

  async function showState(): Promise<void> {
    const live = await mine();
    revoke.hidden = live.length === 0;
    if (address.hidden)
      status.textContent = live.length
        ? '已有订阅链接（出于安全只显示一次；丢失可撤销后重新生成） A link exists (shown once)'
        : '在手机或电脑日历中订阅本人的同步课表 Subscribe to your lessons in any calendar app';
  }
  make.addEventListener('click', () => {
    void authorized<NewFeedReply>('/api/ical-feeds', {
      method: 'POST',
      body: JSON.stringify({ kind: 'teacher', targetId: teacherId }),
    }).then((feed) => {
      address.value = new URL(feed.url, location.origin).toString();
      address.hidden = false;
      address.select();
      status.textContent =
        '复制此地址到日历应用的“订阅日历”中 Copy this address into your calendar app';
      return showState();
    }, say);
  });
  revoke.addEventListener('click', () => {
    void mine()
      .then((live) =>
        Promise.all(
          live.map((f) =>
            authorized(`/api/ical-feeds/${encodeURIComponent(f.id)}/revoke`, {
              method: 'POST',
              body: '{}',
            }),
          ),
        ),
      )
      .then(() => {
        address.hidden = true;
        address.value = '';
        return showState();
      }, say);
  });
  void showState().catch(say);
  return h(
    'details',
    { class: 'calendar-link' },
    h('summary', { text: '订阅我的课表 Calendar subscription' }),
    status,
    address,
    h('div', {}, make, revoke),
  );
}
