// The member classroom's screen: an unattended PC on a projector. It joins by itself,
// shows the teacher and her courseware large, sends the room's camera and microphone,
// and heals every failure without anyone touching it.
import { LiveRoomClient, type ConnectionState, type RemoteTrack } from '../lib/LiveRoomClient';
import { audioSink, videoTile, type VideoTile } from '../lib/VideoTile';
import { $, h } from '../lib/dom';
import { classroomCameraEncodings } from '../../shared/signaling/events';
import { loadSettings, saveSettings, type ClassroomSettings } from './settings';

interface Debug {
  state: ConnectionState;
  joinRequestedAt?: number;
  firstTeacherFrameAt?: number;
  tiles: () => { source: string; peerId: string; width: number; height: number; frames: number }[];
}

const app = $('#app');
const banner = $('#banner');
const tiles = new Map<string, VideoTile>();
const audios = new Map<string, HTMLAudioElement>();
const debug: Debug = {
  state: 'idle',
  tiles: () =>
    [...tiles.values()].map((t) => ({
      source: t.element.dataset.source ?? '',
      peerId: t.element.dataset.peer ?? '',
      width: t.video.videoWidth,
      height: t.video.videoHeight,
      frames: t.frames,
    })),
};
(window as unknown as { __tongke: Debug }).__tongke = debug;

function showBanner(state: ConnectionState): void {
  banner.hidden = state === 'joined' || state === 'joining' || state === 'idle';
  banner.className = `banner ${state}`;
  banner.textContent =
    state === 'reconnecting'
      ? '正在重新连接… Reconnecting'
      : state === 'closed'
        ? '课程已结束 Lesson ended'
        : '';
}

function setupForm(): void {
  const form = h(
    'form',
    { class: 'setup' },
    h('h2', { text: '听讲教室设置' }),
    h('label', { text: '课堂编号 Room' }),
    h('input', { name: 'room', required: true }),
    h('label', { text: '教室名称 Classroom name' }),
    h('input', { name: 'name', required: true, placeholder: '例：潘山分校 三(1)班' }),
    h('label', { text: '入场码 Room code' }),
    h('input', { name: 'code', required: true }),
    h('button', { class: 'primary', type: 'submit', text: '保存并进入 Save and join' }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const settings = {
      roomId: String(data.get('room')),
      displayName: String(data.get('name')),
      roomCode: String(data.get('code')),
    };
    saveSettings(localStorage, settings);
    form.remove();
    void start(settings);
  });
  app.replaceChildren(form);
}

async function start(settings: ClassroomSettings): Promise<void> {
  const client = new LiveRoomClient({ url: '' });
  const screens = h(
    'div',
    { class: 'screens' },
    h('div', { class: 'waiting', text: '等待老师开课… Waiting for the teacher' }),
  );
  const selfVideo = h('video', { autoplay: true, playsinline: true, muted: true });
  const hand = h('button', {
    class: 'hand-up',
    'aria-pressed': 'false',
    text: '✋ 举手 Raise hand',
  });
  const chat = h('div', { class: 'chat' });
  app.replaceChildren(
    h(
      'div',
      { class: 'stage' },
      screens,
      h(
        'div',
        { class: 'bar' },
        h('div', { class: 'tile self' }, selfVideo),
        h('div', { class: 'title', text: settings.displayName }),
        hand,
        chat,
      ),
    ),
  );

  client.on('state', (state) => {
    debug.state = state;
    showBanner(state);
  });
  hand.addEventListener('click', () => {
    const raised = hand.getAttribute('aria-pressed') !== 'true';
    void client.raiseHand(raised).then(() => hand.setAttribute('aria-pressed', String(raised)));
  });
  client.on('chat', (m) => {
    chat.append(h('div', {}, h('span', { class: 'from', text: m.displayName }), m.text));
    chat.scrollTop = chat.scrollHeight;
  });
  client.on('peers', (peers) => {
    const me = client.session?.peerId;
    const mine = peers.find((p) => p.peerId === me);
    if (mine && !mine.handRaised) hand.setAttribute('aria-pressed', 'false');
  });
  client.on('stage', () => layout());

  const isTeacher = (peerId: string) =>
    client.peers.find((p) => p.peerId === peerId)?.role === 'teacher';
  const label = (remote: RemoteTrack) => {
    const peer = client.peers.find((p) => p.peerId === remote.peerId);
    const what = remote.source === 'screen' ? '课件' : remote.source === 'blackboard' ? '板书' : '';
    return `${peer?.displayName ?? ''}${what ? ` · ${what}` : ''}`;
  };

  function layout(): void {
    screens.querySelector('.waiting')?.remove();
    screens.classList.toggle(
      'with-courseware',
      [...tiles.values()].some((t) => t.element.dataset.source === 'screen'),
    );
    if (tiles.size === 0)
      screens.append(h('div', { class: 'waiting', text: '等待老师开课… Waiting for the teacher' }));
  }

  client.on('consumer', (remote) => {
    if (remote.kind === 'audio') {
      const audio = audioSink(remote);
      audios.set(remote.consumerId, audio);
      document.body.append(audio);
      return;
    }
    const tile = videoTile(
      client,
      remote,
      label(remote),
      remote.source === 'camera' && isTeacher(remote.peerId) ? 3 : 2,
    );
    tiles.set(remote.consumerId, tile);
    if (isTeacher(remote.peerId) && remote.source === 'camera') {
      tile.video.addEventListener(
        'loadeddata',
        () => (debug.firstTeacherFrameAt ??= performance.now()),
        { once: true },
      );
    }
    screens.append(tile.element);
    layout();
  });
  client.on('consumerClosed', (consumerId) => {
    tiles.get(consumerId)?.detach();
    tiles.delete(consumerId);
    audios.get(consumerId)?.remove();
    audios.delete(consumerId);
    layout();
  });
  client.on('closed', () => showBanner('closed'));

  const media = await navigator.mediaDevices.getUserMedia({
    video: { width: 1280, height: 720, frameRate: 30 },
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
  selfVideo.srcObject = media;
  debug.joinRequestedAt = performance.now();
  try {
    await client.join({
      roomId: settings.roomId,
      displayName: settings.displayName,
      role: 'classroom',
      ...(settings.token ? { token: settings.token } : {}),
      ...(settings.roomCode ? { roomCode: settings.roomCode } : {}),
    });
  } catch (error) {
    await client.close();
    for (const track of media.getTracks()) track.stop();
    throw error;
  }
  const [video] = media.getVideoTracks();
  const [audio] = media.getAudioTracks();
  if (video) await client.publish('camera', video, { encodings: classroomCameraEncodings });
  if (audio) await client.publish('mic', audio, { codecOptions: { opusFec: true, opusDtx: true } });
}

async function startWithRetry(settings: ClassroomSettings): Promise<void> {
  // The first join can fail (server not up yet after a power cut): keep trying, visibly.
  for (let attempt = 0; ; attempt++) {
    try {
      await start(settings);
      return;
    } catch (error) {
      console.error(error);
      showBanner('reconnecting');
      await new Promise((r) => setTimeout(r, Math.min(7000, 500 * 2 ** attempt)));
    }
  }
}

const settings = loadSettings(location.search, localStorage);
if (settings) void startWithRetry(settings);
else setupForm();
