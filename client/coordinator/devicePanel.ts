// Enrolling classroom PCs: pick a classroom, get a one-time code, type it on that PC's
// /classroom/ page once; from then on the PC joins its lessons by itself.
import type { CommunityDetail } from '../../shared/timetable/api';
import type { TimetableApi } from './api';
import { h } from './dom';

export function devicePanel(api: TimetableApi, detail: CommunityDetail): HTMLElement {
  const schoolName = new Map(detail.schools.map((s) => [s.id, s.name]));
  const result = h('div', { class: 'enrolment', 'aria-live': 'polite' });
  const select = h(
    'select',
    { name: 'classroom' },
    ...detail.classrooms.map((c) =>
      h('option', { value: c.id }, `${schoolName.get(c.schoolId) ?? ''} ${c.name}`),
    ),
  ) as HTMLSelectElement;
  const button = h(
    'button',
    {
      class: 'primary',
      onclick: async () => {
        try {
          const { code, expiresAt } = await api.enrolmentCode(detail.community.id, select.value);
          const until = new Date(expiresAt).toLocaleString('zh-CN', { hour12: false });
          result.replaceChildren(
            h('p', {}, '注册码 Enrolment code: ', h('strong', { class: 'code' }, code)),
            h(
              'p',
              { class: 'muted' },
              `一次有效，${until} 前使用。在该教室电脑打开 /classroom/ 输入。`,
            ),
          );
        } catch (e) {
          result.textContent = (e as Error).message;
        }
      },
    },
    '生成注册码 Create code',
  );
  return h(
    'section',
    { class: 'panel devices' },
    h('h3', {}, '教室设备注册 Classroom PCs'),
    select,
    button,
    result,
  );
}
