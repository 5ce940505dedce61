// Enrolling classroom PCs: pick a classroom, get a one-time code, type it on that PC's
// /classroom/ page once; from then on the PC joins its lessons by itself. A PC lost or
// replaced is revoked here: its token stops working at once, even mid-lesson.
import type { DeviceInfo } from '../../shared/auth';
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
  const enrolled = h('ul', { class: 'device-list' });
  const classroomName = (id: string) => {
    const room = detail.classrooms.find((c) => c.id === id);
    return room ? `${schoolName.get(room.schoolId) ?? ''} ${room.name}` : id;
  };
  const when = (ms: number) => new Date(ms).toLocaleString('zh-CN', { hour12: false });
  const row = (d: DeviceInfo) =>
    h(
      'li',
      { 'data-device': d.deviceId, class: d.revokedAt === undefined ? '' : 'revoked' },
      h('span', { class: 'name' }, classroomName(d.classroomId)),
      h('span', { class: 'muted' }, `注册于 Enrolled ${when(d.enrolledAt)}`),
      d.revokedAt === undefined
        ? h(
            'button',
            {
              onclick: async () => {
                if (!confirm(`撤销 ${classroomName(d.classroomId)} 的这台电脑？它将立即退出课堂。`))
                  return;
                try {
                  await api.revokeDevice(d.deviceId);
                  await refresh();
                } catch (e) {
                  result.textContent = (e as Error).message;
                }
              },
            },
            '撤销 Revoke',
          )
        : h('span', { class: 'muted' }, `已撤销 Revoked ${when(d.revokedAt)}`),
    );
  const refresh = async () => {
    const devices = await api.devices(detail.community.id);
    enrolled.replaceChildren(
      ...(devices.length ? devices.map(row) : [h('li', { class: 'muted' }, '尚无注册的电脑')]),
    );
  };
  void refresh().catch((e: Error) => (result.textContent = e.message));
  return h(
    'section',
    { class: 'panel devices' },
    h('h3', {}, '教室设备注册 Classroom PCs'),
    select,
    button,
    result,
    h('h4', {}, '已注册的电脑 Enrolled PCs'),
    enrolled,
  );
}
