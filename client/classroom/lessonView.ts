// The lesson on the classroom's big screen: the teacher and her courseware large, the
// classroom on stage, the room's own camera small, a raise-hand button and the chat.
import type { LiveRoomClient, RemoteTrack } from '../lib/LiveRoomClient';
import { audioSink, videoTile, type VideoTile } from '../lib/VideoTile';
import { h } from '../lib/dom';
import { projector } from './projector';
import { micPanel } from './micPanel';
import { showAnnotations } from '../lib/annotation/projector';
import { questionPanel } from './questionPanel';
import { chatForm } from './chatForm';
import { receptionNotice } from './receptionNotice';

export interface TileInfo {
  source: string;
  peerId: string;
  width: number;
  height: number;
  frames: number;
}

export interface LessonView {
  element: HTMLElement;
  /** the lesson's material, for the member teacher to open (导学单, 课堂练习…) */
  showMaterials(list: HTMLElement): void;
  showSelf(stream: MediaStream): void;
  tiles(): TileInfo[];
  /** resolves the first time a teacher camera frame is shown (for the join-time figure) */
  firstTeacherFrame: Promise<number>;
  /**
   * Ends the view: it stops listening to the client, its tiles stop reporting what they
   * show and its sounds stop. A view left listening would keep one <audio> per consumer
   * and report its detached tiles hidden, so the server would pause the teacher.
   */
  dispose(): void;
}

export function lessonView(client: LiveRoomClient, title: string): LessonView {
  const tiles = new Map<string, VideoTile>();
  const audios = new Map<string, HTMLAudioElement>();
  const waiting = () =>
    h('div', { class: 'waiting', text: '等待老师开课… Waiting for the teacher' });
  const screens = h('div', { class: 'screens' }, waiting());
  // 批注: the teacher's strokes over her courseware, or on a whiteboard page.
  const annotations = showAnnotations(client, screens);
  const selfVideo = h('video', { autoplay: true, playsinline: true, muted: true });
  const hand = h('button', {
    class: 'hand-up',
    'aria-pressed': 'false',
    text: '✋ 举手 Raise hand',
  });
  // The 辅导教师 mutes the room from here (a large state, readable from the front row).
  const mic = micPanel(client);
  const selfNote = h('div', { class: 'self-note', hidden: true });
  const chat = h('div', { class: 'chat' });
  const materials = h('details', { class: 'materials-box', hidden: true });
  let resolveFirstFrame: (at: number) => void = () => undefined;
  const firstTeacherFrame = new Promise<number>((resolve) => (resolveFirstFrame = resolve));

  const unsubscribe: (() => void)[] = [];
  // Quick questions and the shared timer, over the lesson (client/classroom/questionPanel.ts).
  const tools = questionPanel(client);
  unsubscribe.push(() => tools.dispose());
  const reception = receptionNotice(client);
  unsubscribe.push(reception.off);
  const on: typeof client.on = (event, listener) => {
    const off = client.on(event, listener);
    unsubscribe.push(off);
    return off;
  };

  hand.addEventListener('click', () => {
    const raised = hand.getAttribute('aria-pressed') !== 'true';
    void client.raiseHand(raised).then(() => hand.setAttribute('aria-pressed', String(raised)));
  });
  on('chat', (m) => {
    chat.append(h('div', {}, h('span', { class: 'from', text: m.displayName }), m.text));
    chat.scrollTop = chat.scrollHeight;
  });
  on('peers', (peers) => {
    // The teacher lowers a hand by putting the classroom on stage.
    const mine = peers.find((p) => p.peerId === client.session?.peerId);
    if (mine && !mine.handRaised) hand.setAttribute('aria-pressed', 'false');
  });

  const isTeacher = (peerId: string) =>
    client.peers.find((p) => p.peerId === peerId)?.role === 'teacher';
  const label = (remote: RemoteTrack) => {
    const peer = client.peers.find((p) => p.peerId === remote.peerId);
    const what = remote.source === 'screen' ? '课件' : remote.source === 'blackboard' ? '板书' : '';
    return `${peer?.displayName ?? ''}${what ? ` · ${what}` : ''}`;
  };
  // What the projector shows is the layout the teacher chose (projector.ts).
  const shown = projector(client, screens);
  const layout = () => {
    screens.querySelector('.waiting')?.remove();
    shown.apply();
    if (tiles.size === 0) screens.append(waiting());
  };

  on('consumer', (remote) => {
    if (remote.kind === 'audio') {
      const audio = audioSink(remote);
      audios.set(remote.consumerId, audio);
      document.body.append(audio);
      return;
    }
    const teacherCamera = isTeacher(remote.peerId) && remote.source === 'camera';
    const tile = videoTile(client, remote, label(remote), teacherCamera ? 3 : 2);
    tiles.set(remote.consumerId, tile);
    if (teacherCamera) {
      tile.video.addEventListener('loadeddata', () => resolveFirstFrame(performance.now()), {
        once: true,
      });
    }
    screens.append(tile.element);
    layout();
  });
  on('consumerClosed', (consumerId) => {
    tiles.get(consumerId)?.detach();
    tiles.delete(consumerId);
    audios.get(consumerId)?.remove();
    audios.delete(consumerId);
    layout();
  });

  return {
    element: h(
      'div',
      { class: 'stage' },
      screens,
      reception.element,
      h(
        'div',
        { class: 'bar' },
        h('div', { class: 'tile self' }, selfVideo, selfNote),
        h('div', { class: 'title', text: title }),
        mic.element,
        hand,
        materials,
        h('div', { class: 'chat-box' }, chat, chatForm(client)),
      ),
      ...tools.elements,
    ),
    showMaterials(list) {
      materials.replaceChildren(h('summary', { text: '课堂资料 Material' }), list);
      materials.hidden = list.childElementCount === 0;
    },
    showSelf(stream) {
      selfVideo.srcObject = stream;
      const [micTrack] = stream.getAudioTracks();
      mic.setTrack(micTrack);
      // What the room cannot send is said on its own screen (it still takes the lesson).
      const missing = [
        stream.getVideoTracks().length ? '' : '未检测到摄像头 No camera',
        micTrack ? '' : '未检测到麦克风 No microphone',
      ].filter(Boolean);
      selfNote.hidden = missing.length === 0;
      selfNote.textContent = missing.join(' · ');
    },
    tiles: () =>
      [...tiles.values()].map((t) => ({
        source: t.element.dataset.source ?? '',
        peerId: t.element.dataset.peer ?? '',
        width: t.video.videoWidth,
        height: t.video.videoHeight,
        frames: t.frames,
      })),
    firstTeacherFrame,
    dispose() {
      annotations.dispose();
      for (const off of unsubscribe.splice(0)) off();
      shown.dispose();
      mic.dispose();
      for (const tile of tiles.values()) tile.detach();
      tiles.clear();
      for (const audio of audios.values()) {
        audio.srcObject = null;
        audio.remove();
      }
      audios.clear();
    },
  };
}
