// 试课房间: the signed-in teacher's ad-hoc rooms (a room code, an expiry, a capacity) for a
// trial lesson or a meeting outside the timetable. She creates one, sees hers with the
// links to give out, and ends one. The server keeps the grants (/api/adhoc-rooms).
import type { Principal } from '../../shared/auth';
import type { AdhocGrant } from '../../shared/security';
import { h } from '../lib/dom';
import { authorized, HttpError } from '../lib/session';

function time(ms: number): string {
  return new Intl.DateTimeFormat('zh-CN', {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  }).format(new Date(ms));
}

const link = (screen: 'teacher' | 'classroom', g: AdhocGrant) =>
  `${location.origin}/${screen}/?${new URLSearchParams({ room: g.roomId, code: g.code })}`;

export function adhocRoomsPanel(me: Principal): HTMLElement {
  const communityId = me.communityIds[0];
  const list = h('ul', { class: 'adhoc-list' });
  const status = h('p', { class: 'status', role: 'status' });
  const capacity = h('input', {
    name: 'capacity',
    type: 'number',
    min: '2',
    max: '200',
    value: '10',
    required: true,
  });
  const hours = h('input', {
    name: 'hours',
    type: 'number',
    min: '1',
    max: '168',
    value: '3',
    required: true,
  });
  const form = h(
    'form',
    { class: 'adhoc-new' },
    h('label', { text: '人数上限 Capacity ' }, capacity),
    h('label', { text: '有效小时 Hours ' }, hours),
    h('button', { type: 'submit', class: 'primary', text: '新建试课房间 New room' }),
  );
  const say = (error: unknown) => {
    status.textContent =
      error instanceof HttpError ? `${error.message} (${error.code})` : String(error);
  };

  function row(g: AdhocGrant): HTMLElement {
    const end = h('button', { type: 'button', class: 'end', text: '删除 Delete' });
    end.addEventListener('click', () => {
      authorized(`/api/adhoc-rooms/${encodeURIComponent(g.roomId)}`, { method: 'DELETE' })
        .then(refresh)
        .catch(say);
    });
    return h(
      'li',
      { 'data-room': g.roomId },
      h('strong', { class: 'code', text: g.code }),
      h('span', { class: 'expiry', text: ` 至 ${time(g.expiresAt)} ` }),
      h('span', { class: 'capacity', text: `${g.capacity} 人 ` }),
      h('a', { href: link('teacher', g), text: '进入 Enter' }),
      ' ',
      h('a', { href: link('classroom', g), class: 'classroom-link', text: '听讲教室链接' }),
      ' ',
      end,
    );
  }

  async function refresh(): Promise<void> {
    if (!communityId) return;
    const q = new URLSearchParams({ communityId });
    const all = await authorized<AdhocGrant[]>(`/api/adhoc-rooms?${q}`);
    const mine = all.filter((g) => g.createdBy === me.sub);
    list.replaceChildren(
      ...(mine.length > 0
        ? mine.map(row)
        : [h('li', { class: 'muted', text: '还没有试课房间 No rooms yet' })]),
    );
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!communityId) return;
    status.textContent = '';
    const body = {
      communityId,
      capacity: Number(capacity.value),
      ttlMinutes: Math.round(Number(hours.value) * 60),
    };
    authorized<AdhocGrant>('/api/adhoc-rooms', { method: 'POST', body: JSON.stringify(body) })
      .then(refresh)
      .catch(say);
  });

  void refresh().catch(say);
  return h(
    'section',
    { class: 'adhoc-rooms' },
    h('h2', { text: '试课房间 Trial rooms' }),
    form,
    list,
    status,
  );
}
