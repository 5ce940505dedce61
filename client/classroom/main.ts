// The member classroom's screen: an unattended PC on a projector. Set up once, it then
// joins each of its lessons by itself, sends the room's camera and microphone, and heals
// every failure without anyone touching it.
import {
  LiveRoomClient,
  LiveRoomError,
  type ConnectionState,
  type JoinOptions,
  type PublishOptions,
} from '../lib/LiveRoomClient';
import { $ } from '../lib/dom';
import { classroomCameraEncodings } from '../../shared/signaling/events';
import { lessonView, type TileInfo } from './lessonView';
import { listMaterials, materialList } from '../lib/materials';
import { setupForm } from './setupForm';
import type { RoomDeviceKind } from './roomDevices';
import { describeLesson, today } from './schedule';
import { projectorMaterial } from './projectorMaterial';
import { RoomSender } from './roomSender';
import { scheduleFailure } from './scheduleFailure';
import { researchButton, researchOpen } from './researchLink';
import { neverGiveUp } from '../lib/reconnectPolicy';
import { describeJoinError, describeRefusal } from '../../shared/messages';
import { forgetSettings, loadSettings, saveSettings, type ClassroomSettings } from './settings';

interface Debug {
  state: ConnectionState;
  joinRequestedAt?: number;
  firstTeacherFrameAt?: number;
  tiles: () => TileInfo[];
}

const app = $('#app');
const banner = $('#banner');
const debug: Debug = { state: 'idle', tiles: () => [] };
(window as unknown as { __tongke: Debug }).__tongke = debug;
const SCHEDULE_POLL_MS = 20_000;

function showBanner(state: ConnectionState | 'offline'): void {
  const text: Partial<Record<typeof state, string>> = {
    reconnecting: '正在重新连接… Reconnecting',
    offline: '无法连接服务器，正在重试… Server unreachable, retrying',
  };
  banner.hidden = !text[state];
  banner.className = `banner ${state === 'offline' ? 'reconnecting' : state}`;
  banner.textContent = text[state] ?? '';
}

function showWaiting(line: string, detail = '', ...extra: (HTMLElement | null)[]): void {
  const box = document.createElement('div');
  box.className = 'waiting';
  box.append(line);
  if (detail) {
    const small = document.createElement('div');
    small.className = 'en';
    small.textContent = detail;
    box.append(small);
  }
  for (const e of extra) if (e) box.append(e);
  app.replaceChildren(box);
}

/** A small line under the waiting text: why the PC is retrying (a refusal, the server). */
function statusLine(text: string): HTMLElement {
  const line = document.createElement('div');
  line.className = 'schedule-status';
  line.setAttribute('role', 'status');
  line.textContent = text;
  return line;
}

/** What each of the room's devices is published with. */
const publishOptions: Record<RoomDeviceKind, PublishOptions> = {
  camera: { encodings: classroomCameraEncodings },
  mic: { codecOptions: { opusFec: true, opusDtx: true } },
};

/** One lesson: camera on, join, show it; resolves when the room closes for this PC. */
async function attend(client: LiveRoomClient, join: JoinOptions): Promise<void> {
  // One view per attempt, disposed with it: a refused join must leave nothing listening.
  const view = lessonView(client, join.displayName);
  debug.tiles = view.tiles;
  let stopWaiting: () => unknown = () => undefined;
  const ended = new Promise<void>(
    (resolve) => (stopWaiting = client.on('closed', () => resolve())),
  );
  // Published before the join they go out with it; after, as soon as they come (back).
  // A second PC of the classroom (辅助屏) closes them again once the join says so.
  const sender = new RoomSender(client, publishOptions, (stream) => view.showSelf(stream));
  await sender.start();
  const token = join.token;
  // What the teacher pushes to the projectors opens inside the lesson view.
  const material = token ? projectorMaterial(client, view.element, () => token) : undefined;
  const offRole = client.on('state', (state) => {
    if (state === 'joined') void sender.follow(view.element);
  });
  try {
    debug.joinRequestedAt = performance.now();
    void view.firstTeacherFrame.then((at) => (debug.firstTeacherFrameAt = at));
    await client.join(join);
    app.replaceChildren(view.element);
    await sender.follow(view.element);
    if (token) {
      void listMaterials(join.roomId, token)
        .then((list) => view.showMaterials(materialList(list, token, (m) => material?.open(m))))
        .catch(() => undefined); // material is a help, never a reason to miss the lesson
    }
    await ended;
  } finally {
    stopWaiting();
    offRole();
    material?.dispose();
    view.dispose();
    // Between lessons the classroom's camera and microphone are off.
    await sender.close();
  }
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An enrolled PC all day: follow the timetable, join each lesson when it opens. */
async function runDevice(enrolled: Extract<ClassroomSettings, { mode: 'device' }>): Promise<void> {
  let settings = enrolled;
  const client = new LiveRoomClient({ url: '' });
  // A renewed credential is kept, or the PC would be locked out when the old one runs out.
  client.on('token', ({ token }) => {
    settings = { ...settings, token };
    saveSettings(localStorage, settings);
  });
  client.on('state', (s) => ((debug.state = s), showBanner(s)));
  const backoff = neverGiveUp();
  let failures = 0;
  /** the lesson attended last: its research room, while open, is offered on the screen */
  let attended: string | undefined;
  /** why the last join was refused, said under the waiting text */
  let refused = '';
  const research = async () =>
    attended && (await researchOpen(attended, settings.token))
      ? researchButton(attended, settings.token)
      : null;
  for (;;) {
    try {
      const day = await today('', settings.classroomId, settings.token);
      failures = 0;
      showBanner('idle');
      const lesson = day.now;
      const { timeZone } = day;
      if (!lesson) {
        showWaiting(
          day.next
            ? `下一节课 Next: ${describeLesson(day.next, timeZone)}`
            : '今天没有同步课堂 No lessons today',
          settings.displayName,
          await research(),
        );
        await delay(SCHEDULE_POLL_MS);
        continue;
      }
      showWaiting(
        `即将开始 Starting soon: ${describeLesson(lesson, timeZone)}`,
        settings.displayName,
        refused ? statusLine(refused) : null,
      );
      await attend(client, {
        roomId: lesson.occurrenceId,
        displayName: settings.displayName,
        token: settings.token,
      });
      refused = '';
      attended = lesson.occurrenceId;
      showWaiting('本节课已结束 The lesson has ended', settings.displayName, await research());
      await delay(5000);
    } catch (error) {
      // Refused for now (the room opens a few minutes before the bell): say why, ask again soon.
      if (error instanceof LiveRoomError) {
        refused = describeJoinError(error);
        await delay(SCHEDULE_POLL_MS / 4);
        continue;
      }
      const failure = scheduleFailure(error);
      if (failure.kind === 'revoked') {
        // Only the server's word that this PC was revoked erases it: a person must enrol it.
        forgetSettings(localStorage);
        showRevoked();
        return;
      }
      // Anything else heals by itself: keep the enrolment, say so (small), try again.
      const status = app.querySelector('.waiting .schedule-status');
      if (status) status.textContent = failure.status;
      else app.querySelector('.waiting')?.append(statusLine(failure.status));
      if (!app.querySelector('.waiting')) showWaiting(failure.status, settings.displayName);
      await delay(backoff.nextRetryDelayMs(failures++) ?? 7000);
    }
  }
}

/** The server says this PC's enrolment was revoked: say so, and offer the code form. */
function showRevoked(): void {
  const notice = document.createElement('p');
  notice.className = 'revoked';
  notice.setAttribute('role', 'alert');
  notice.textContent = describeRefusal('device_revoked');
  const form = setupForm(run);
  form.prepend(notice);
  app.replaceChildren(form);
}

/** A trial room with a code: join it, and after the lesson wait for the next one. */
async function runRoom(settings: Extract<ClassroomSettings, { mode: 'room' }>): Promise<void> {
  const client = new LiveRoomClient({ url: '' });
  client.on('state', (s) => ((debug.state = s), showBanner(s)));
  for (let attempt = 0; ; attempt++) {
    try {
      await attend(client, {
        roomId: settings.roomId,
        displayName: settings.displayName,
        roomCode: settings.roomCode,
        role: 'classroom',
      });
      showWaiting('本节课已结束 The lesson has ended', settings.displayName);
      return;
    } catch (error) {
      console.error(error);
      showBanner('offline');
      await delay(Math.min(7000, 500 * 2 ** attempt));
    }
  }
}

function run(settings: ClassroomSettings): void {
  void (settings.mode === 'device' ? runDevice(settings) : runRoom(settings));
}

// A research room visited from this tab took the PC's token along; it is not a login here.
sessionStorage.removeItem('tongke.token');
const settings = loadSettings(location.search, localStorage);
if (settings) run(settings);
else app.replaceChildren(setupForm(run));
