// What every projector shows, picked by the teacher (the server holds it; her screen
// share moves it to the courseware and back, and the picker follows).
import type { LiveRoomClient } from '../lib/LiveRoomClient';
import { h } from '../lib/dom';
import { projectorLayouts, type ProjectorLayout } from '../../shared/signaling/roomControls';

const labels: Record<ProjectorLayout, string> = {
  teacher: '教师全屏 Teacher',
  courseware: '课件全屏 Courseware',
  side_by_side: '课件与教师并列 Side by side',
  stage: '上台教室与教师 On stage',
};

export function layoutPicker(client: LiveRoomClient): HTMLElement {
  const note = h('div', { class: 'layout-note', role: 'alert' });
  const buttons = projectorLayouts.map((layout) => {
    const button = h('button', {
      'data-layout': layout,
      'aria-pressed': 'false',
      text: labels[layout],
      disabled: true,
    });
    button.addEventListener('click', () => {
      void client.request('setLayout', { layout }).then(
        () => (note.textContent = ''),
        (e: Error) => (note.textContent = e.message),
      );
    });
    return button;
  });
  const show = () => {
    const current = client.session?.controls?.layout.layout;
    for (const b of buttons) {
      b.disabled = current === undefined;
      b.setAttribute('aria-pressed', String(b.dataset.layout === current));
    }
  };
  client.on('layout', show);
  client.on('joined', show);
  return h(
    'fieldset',
    { class: 'layout-picker' },
    h('legend', { text: '投影画面 Projectors show' }),
    ...buttons,
    note,
  );
}
