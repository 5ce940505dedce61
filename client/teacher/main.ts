// The core teacher's screen: device choice and preview, start/stop, courseware share,
// the wall of member classrooms with raised hands and connection quality, on-stage control.
import { LiveRoomClient } from '../lib/LiveRoomClient';
import { audioSink } from '../lib/VideoTile';
import { $, h } from '../lib/dom';
import { teacherCameraEncodings } from '../../shared/signaling/events';
import { ClassroomWall } from './wall';
import { devicePicker, shareScreen } from './devices';

const app = $('#app');
const banner = $('#banner');
const params = new URLSearchParams(location.search);

function field(name: string, label: string, value = ''): HTMLElement[] {
  return [h('label', { text: label }), h('input', { name, value, required: true })];
}

async function main(): Promise<void> {
  const client = new LiveRoomClient({ url: '' });
  const picker = await devicePicker();
  const form = h(
    'form',
    { class: 'join' },
    ...field('room', '课堂编号 Room', params.get('room') ?? ''),
    ...field('code', '入场码 Room code', params.get('code') ?? ''),
    ...field('name', '教师 Teacher', params.get('name') ?? ''),
  );
  const startButton = h('button', { class: 'primary', text: '开始上课 Start lesson' });
  const stopButton = h('button', { text: '结束 Stop', disabled: true });
  const shareButton = h('button', { text: '共享课件 Share courseware', disabled: true });
  const stage = h('div', { class: 'stage-view' });
  const wall = h('div', { class: 'wall' });
  const chat = h('div', { class: 'chat' });
  const chatInput = h('input', { name: 'chat', placeholder: '发送消息 Message' });
  const chatForm = h('form', {}, chatInput, h('button', { text: '发送' }));
  const classroomWall = new ClassroomWall(client, wall, stage);

  app.replaceChildren(
    h(
      'div',
      { class: 'layout' },
      h('div', { class: 'controls' }, picker.element, form, startButton, shareButton, stopButton),
      h('div', { class: 'main' }, stage, wall),
      h('div', { class: 'side' }, chat, chatForm),
    ),
  );
  (window as unknown as { __tongke: unknown }).__tongke = {
    get state() {
      return client.state;
    },
    get classrooms() {
      return classroomWall.size;
    },
  };

  client.on('state', (state) => {
    banner.hidden = state !== 'reconnecting' && state !== 'closed';
    banner.className = `banner ${state}`;
    banner.textContent =
      state === 'reconnecting' ? '正在重新连接… Reconnecting' : '已断开 Disconnected';
  });
  const audios = new Map<string, HTMLAudioElement>();
  client.on('consumer', (remote) => {
    if (remote.kind !== 'audio') return;
    const audio = audioSink(remote);
    audios.set(remote.consumerId, audio);
    document.body.append(audio);
  });
  client.on('consumerClosed', (consumerId) => {
    audios.get(consumerId)?.remove();
    audios.delete(consumerId);
  });
  client.on('chat', (m) => {
    chat.append(h('div', {}, h('span', { class: 'from', text: m.displayName }), m.text));
    chat.scrollTop = chat.scrollHeight;
  });
  chatForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (chatInput.value.trim())
      void client.sendChat(chatInput.value.trim()).then(() => (chatInput.value = ''));
  });

  async function publishDevices(): Promise<void> {
    const { video, audio } = await picker.current();
    if (video) {
      await client.publish('camera', video, {
        encodings: teacherCameraEncodings,
        codecOptions: { videoGoogleStartBitrate: 1000 },
      });
    }
    if (audio)
      await client.publish('mic', audio, { codecOptions: { opusFec: true, opusStereo: false } });
    const board = await picker.blackboard();
    if (board) await client.publish('blackboard', board);
  }
  picker.onChange(() => {
    if (client.state !== 'joined') return;
    void Promise.all([
      client.unpublish('camera'),
      client.unpublish('mic'),
      client.unpublish('blackboard'),
    ]).then(publishDevices);
  });

  startButton.addEventListener('click', () => {
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    startButton.disabled = true;
    const token = params.get('token');
    client
      .join({
        roomId: String(data.get('room')),
        displayName: String(data.get('name')),
        role: 'teacher',
        ...(token ? { token } : { roomCode: String(data.get('code')) }),
      })
      .then(publishDevices)
      .then(() => {
        stopButton.disabled = false;
        shareButton.disabled = false;
      })
      .catch((error: Error) => {
        startButton.disabled = false;
        alert(`无法开始 Could not start: ${error.message}`);
      });
  });
  stopButton.addEventListener('click', () => {
    void client.close().then(() => location.reload());
  });
  shareButton.addEventListener('click', () => {
    void shareScreen()
      .then((track) => {
        track.addEventListener('ended', () => void client.unpublish('screen'));
        return client.publish('screen', track);
      })
      .catch((error: Error) => console.warn(`screen share: ${error.message}`));
  });

  if (params.get('autostart') === '1') startButton.click();
}

void main();
