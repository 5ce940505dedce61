// The teacher's hold on the classrooms' microphones: push-to-talk for every classroom,
// and on each classroom's tile her mute for everyone (the classroom sees it, large; only
// she allows it again). The server enforces both; the buttons show what it says.
import type { LiveRoomClient } from '../lib/LiveRoomClient';
import { h } from '../lib/dom';
import type { MicState } from '../../shared/signaling/roomControls';

export interface MicControls {
  /** the push-to-talk switch, for her controls */
  element: HTMLElement;
  /** the mute-for-everyone button and state for one classroom's tile */
  tileActions(peerId: string): HTMLElement[];
}

export function micControls(client: LiveRoomClient): MicControls {
  const mics = () => client.session?.controls?.mics;
  const stateOf = (peerId: string): MicState | undefined =>
    mics()?.classrooms.find((c) => c.peerId === peerId);
  const note = h('span', { class: 'mic-note', role: 'alert' });
  const ask = (p: Promise<unknown>) =>
    void p.then(
      () => (note.textContent = ''),
      (e: Error) => (note.textContent = e.message),
    );

  const ptt = h('button', { class: 'push-to-talk', 'aria-pressed': 'false', disabled: true });
  ptt.addEventListener('click', () =>
    ask(client.request('setPushToTalk', { on: !mics()?.pushToTalk })),
  );

  const tiles = new Map<string, { button: HTMLButtonElement; badge: HTMLElement }>();
  const showTile = (peerId: string) => {
    const t = tiles.get(peerId);
    if (!t) return;
    const m = stateOf(peerId);
    const muted = m?.teacherMuted ?? false;
    // Compact: twelve tiles share the wall, and each caption needs its room.
    t.button.setAttribute('aria-pressed', String(muted));
    t.button.textContent = muted ? '🔇 已静音' : '🔇';
    t.button.title = muted
      ? '已为全体静音，点击允许发言 Muted for everyone: click to allow'
      : '全体静音 Mute for everyone';
    t.button.setAttribute('aria-label', t.button.title);
    t.badge.hidden = !m || m.open || muted;
    t.badge.textContent = m?.selfMuted ? '🔕' : '🎙';
    t.badge.title = m?.selfMuted
      ? '教室已自行静音 Muted by the classroom'
      : '等待按键发言 Waiting to talk';
    t.badge.closest('.tile')?.classList.toggle('mic-closed', !!m && !m.open);
  };
  const show = () => {
    const on = mics()?.pushToTalk ?? false;
    ptt.disabled = mics() === undefined;
    ptt.setAttribute('aria-pressed', String(on));
    ptt.textContent = on ? '按键发言：开 Push-to-talk on' : '按键发言：关 Push-to-talk off';
    for (const peerId of tiles.keys()) showTile(peerId);
  };
  client.on('mics', show);
  client.on('joined', show);
  show();

  return {
    element: h('div', { class: 'mic-controls' }, ptt, note),
    tileActions(peerId) {
      const button = h('button', { class: 'mute-all', 'aria-pressed': 'false' });
      const badge = h('span', { class: 'mic-badge', hidden: true });
      button.addEventListener('click', () => {
        const muted = stateOf(peerId)?.teacherMuted ?? false;
        ask(client.request('muteClassroom', { peerId, muted: !muted }));
      });
      tiles.set(peerId, { button, badge });
      queueMicrotask(() => showTile(peerId));
      return [badge, button];
    },
  };
}
