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
    t.button.setAttribute('aria-pressed', String(muted));
    t.button.textContent = muted ? '允许发言' : '全体静音';
    t.button.title = muted ? 'Allow it to speak again' : 'Mute for everyone';
    t.badge.hidden = !m || m.open;
    t.badge.textContent = muted ? '🔇 已静音（主讲）' : m?.selfMuted ? '🔇 教室静音' : '🎙 按键发言';
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
