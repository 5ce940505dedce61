// The minutes sections as collaborative text areas, with the save status of the client.
import type { MinutesSection } from '../../shared/research';
import { h } from '../lib/dom';
import type { MinutesClient, MinutesStatus } from './minutesClient';
import { bindTextarea } from './textBinding';

const statusText: Record<MinutesStatus, string> = {
  connecting: '正在连接…',
  saving: '保存中…',
  saved: '已保存',
  offline: '网络中断，正在重新连接…（已输入的内容不会丢失）',
  readonly: '只读（教研已结束，记录已归档）',
  refused: '无法进入或保存，请重新登录',
};

export function minutesView(client: MinutesClient): HTMLElement {
  const status = h('span', { id: 'save-status', class: 'status', text: statusText[client.status] });
  const sections = h('div', { class: 'sections' });
  const root = h(
    'section',
    { class: 'minutes' },
    h('header', {}, h('h2', { text: '研讨纪要' }), status),
    sections,
  );
  let unbind: (() => void)[] = [];

  const render = (list: MinutesSection[]) => {
    for (const u of unbind) u();
    unbind = [];
    sections.replaceChildren(
      ...list.map((s) => {
        const area = h('textarea', {
          'data-section': s.key,
          rows: '5',
          placeholder: '多人可同时编辑，输入即保存',
          'aria-label': s.label,
        });
        area.readOnly = client.access !== 'write';
        unbind.push(bindTextarea(area, client.text(s.key)));
        return h('label', { class: 'section' }, h('span', { text: s.label }), area);
      }),
    );
  };

  client.on('joined', ({ sections: list }) => render(list));
  client.on('status', (s) => {
    status.textContent = statusText[s];
    status.dataset.status = s;
    if (s === 'readonly') {
      for (const area of sections.querySelectorAll('textarea')) area.readOnly = true;
    }
  });
  client.on('refused', ({ message }) => console.warn('minutes refused:', message));
  if (client.sections.length > 0) render(client.sections);
  return root;
}
