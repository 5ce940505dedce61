// The classroom's microphone as its 辅导教师 sees it, large (read from the front row): on,
// muted by itself, muted by the teacher (only she lifts that), or, in push-to-talk mode,
// a big hold-to-talk button (the Space key too). The server enforces every state; the
// panel asks and shows what the server says.
import type { LiveRoomClient } from '../lib/LiveRoomClient';
import { h } from '../lib/dom';
import { bilingual, messageOf } from '../../shared/messages';
import type { MicState } from '../../shared/signaling/roomControls';

export interface MicPanel {
  element: HTMLElement;
  /** the room's microphone track (undefined: it has none, the panel hides) */
  setTrack(track: MediaStreamTrack | undefined): void;
  dispose(): void;
}

type Shown = 'open' | 'self_muted' | 'teacher_muted' | 'hold' | 'talking' | 'on_stage';

const words: Record<Shown, string> = {
  open: `🎤 ${bilingual(messageOf('mic_open')!)}`,
  self_muted: `🔇 ${bilingual(messageOf('mic_self_muted')!)}`,
  teacher_muted: `🔇 ${bilingual(messageOf('mic_teacher_muted')!)}`,
  hold: `🎙 ${bilingual(messageOf('mic_hold_to_talk')!)}`,
  talking: `🎤 ${bilingual(messageOf('mic_talking')!)}`,
  on_stage: `🎤 ${bilingual(messageOf('mic_on_stage')!)}`,
};

function shownOf(m: MicState | undefined, pushToTalk: boolean, onStage: boolean): Shown {
  if (!m) return 'open';
  if (m.teacherMuted) return 'teacher_muted';
  if (m.selfMuted) return 'self_muted';
  if (!pushToTalk) return 'open';
  if (m.talking) return 'talking';
  return onStage ? 'on_stage' : 'hold';
}

export function micPanel(client: LiveRoomClient): MicPanel {
  const state = h('div', { class: 'mic-state', role: 'status' });
  const toggle = h('button', { class: 'mic', 'aria-pressed': 'false' });
  const talkButton = h('button', { class: 'talk', hidden: true, text: words.hold });
  const note = h('div', { class: 'mic-note', role: 'alert' });
  const element = h('div', { class: 'mic-panel', hidden: true }, state, toggle, talkButton, note);
  let hasTrack = false;
  let talking = false;

  const mine = (): MicState | undefined => {
    const me = client.session?.peerId;
    return client.session?.controls?.mics.classrooms.find((c) => c.peerId === me);
  };
  const pushToTalk = () => client.session?.controls?.mics.pushToTalk ?? false;

  const show = () => {
    const m = mine();
    const onStage = client.session?.stagePeerId === client.session?.peerId;
    const shown = shownOf(m, pushToTalk(), onStage);
    element.hidden = !hasTrack;
    element.dataset.mic = shown;
    state.textContent = words[shown];
    const selfMuted = m?.selfMuted ?? false;
    toggle.setAttribute('aria-pressed', String(selfMuted || (m?.teacherMuted ?? false)));
    toggle.textContent = selfMuted ? '🎤 打开麦克风 Unmute' : '🔇 静音 Mute';
    // Only the teacher lifts her mute: the 辅导教师 can still mute, not unmute.
    toggle.disabled = (m?.teacherMuted ?? false) && selfMuted;
    talkButton.hidden = !pushToTalk() || (m?.teacherMuted ?? false) || selfMuted;
    talkButton.setAttribute('aria-pressed', String(talking));
  };

  const ask = (p: Promise<unknown>) =>
    void p.then(
      () => (note.textContent = ''),
      (e: Error) => (note.textContent = e.message),
    );
  toggle.addEventListener('click', () => {
    ask(client.request('muteMic', { muted: !(mine()?.selfMuted ?? false) }));
  });
  const hold = (on: boolean) => {
    if (on === talking || (on && !pushToTalk())) return;
    talking = on;
    show();
    ask(client.request('talk', { talking: on }));
  };
  talkButton.addEventListener('pointerdown', (e) => {
    talkButton.setPointerCapture(e.pointerId);
    hold(true);
  });
  for (const end of ['pointerup', 'pointercancel', 'lostpointercapture'] as const) {
    talkButton.addEventListener(end, () => hold(false));
  }
  const typing = (e: KeyboardEvent) =>
    e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
  const keydown = (e: KeyboardEvent) => {
    if (e.code !== 'Space' || typing(e) || !pushToTalk() || talkButton.hidden) return;
    e.preventDefault();
    if (!e.repeat) hold(true);
  };
  const keyup = (e: KeyboardEvent) => {
    if (e.code !== 'Space' || !talking) return;
    // A focused button would take the Space as a click as well.
    e.preventDefault();
    hold(false);
  };
  const blur = () => hold(false);
  document.addEventListener('keydown', keydown);
  document.addEventListener('keyup', keyup);
  window.addEventListener('blur', blur);
  const offs = [client.on('mics', show), client.on('stage', show), client.on('joined', show)];
  show();

  return {
    element,
    setTrack(track) {
      hasTrack = track !== undefined;
      show();
    },
    dispose() {
      offs.forEach((off) => off());
      document.removeEventListener('keydown', keydown);
      document.removeEventListener('keyup', keyup);
      window.removeEventListener('blur', blur);
    },
  };
}
