// First start of a classroom PC: enter the enrolment code the coordinator gave (or, for a
// trial without the timetable, a room and its code). Saved on this PC from then on.
import { h } from '../lib/dom';
import { enrol } from './schedule';
import { saveSettings, type ClassroomSettings } from './settings';

export function setupForm(done: (settings: ClassroomSettings) => void): HTMLElement {
  const error = h('div', { class: 'error', role: 'alert' });
  const enrolForm = h(
    'form',
    { class: 'setup', 'data-form': 'enrol' },
    h('h2', { text: '听讲教室设置 Classroom setup' }),
    h('label', { for: 'code', text: '注册码 Enrolment code' }),
    h('input', { id: 'code', name: 'code', required: true, autocomplete: 'off' }),
    h('button', { class: 'primary', type: 'submit', text: '注册本机 Enrol this PC' }),
    error,
  );
  enrolForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const code = String(new FormData(enrolForm).get('code')).trim();
    enrol('', code)
      .then(({ token, principal }) => {
        if (!principal.classroomId) throw new Error('这个注册码不属于教室 Not a classroom code');
        const settings: ClassroomSettings = {
          mode: 'device',
          token,
          classroomId: principal.classroomId,
          displayName: principal.name,
        };
        saveSettings(localStorage, settings);
        done(settings);
      })
      .catch((e: Error) => (error.textContent = e.message));
  });

  const roomForm = h(
    'form',
    { class: 'setup', 'data-form': 'room' },
    h('h3', { text: '试用：课堂编号和入场码 Trial: room and code' }),
    h('input', { name: 'room', required: true, placeholder: '课堂编号 Room' }),
    h('input', { name: 'name', required: true, placeholder: '教室名称，例：潘山分校 三(1)班' }),
    h('input', { name: 'code', required: true, placeholder: '入场码 Room code' }),
    h('button', { type: 'submit', text: '进入 Join' }),
  );
  roomForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(roomForm);
    const settings: ClassroomSettings = {
      mode: 'room',
      roomId: String(data.get('room')),
      roomCode: String(data.get('code')),
      displayName: String(data.get('name')),
    };
    saveSettings(localStorage, settings);
    done(settings);
  });
  return h('div', { class: 'setup-page' }, enrolForm, roomForm);
}
