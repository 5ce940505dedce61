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
import { RoomDevices, type RoomDeviceKind } from './roomDevices';
import { describeLesson, HttpError, today } from './schedule';
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

function showWaiting(line: string, detail = ''): void {
  const box = document.createElement('div');
  box.className = 'waiting';
  box.append(line);
  if (detail) {
    const small = document.createElement('div');
    small.className = 'en';
    small.textContent = detail;
    box.append(small);
  }
  app.replaceChildren(box);
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
  const devices = new RoomDevices((kind, track) => {
    view.showSelf(devices.stream);
    const done = track ? client.publish(kind, track, publishOptions[kind]) : client.unpublish(kind);
    void done.catch((error: unknown) => console.warn(`publish ${kind}`, error));
  });
  await devices.start();
  try {
    debug.joinRequestedAt = performance.now();
    void view.firstTeacherFrame.then((at) => (debug.firstTeacherFrameAt = at));
    await client.join(join);
    app.replaceChildren(view.element);
    if (join.token) {
      const token = join.token;
      void listMaterials(join.roomId, token)
        .then((list) => view.showMaterials(materialList(list, token)))
        .catch(() => undefined); // material is a help, never a reason to miss the lesson
    }
    view.showSelf(devices.stream);
    await ended;
  } finally {
    stopWaiting();
    view.dispose();
    // Between lessons the classroom's camera and microphone are off.
    devices.close();
    await client.unpublish('camera');
    await client.unpublish('mic');
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
  for (;;) {
    try {
      const day = await today('', settings.classroomId, settings.token);
      showBanner('idle');
      const lesson = day.now;
      const { timeZone } = day;
      if (!lesson) {
        showWaiting(
          day.next
            ? `下一节课 Next: ${describeLesson(day.next, timeZone)}`
            : '今天没有同步课堂 No lessons today',
          settings.displayName,
        );
        await delay(SCHEDULE_POLL_MS);
        continue;
      }
      showWaiting(
        `即将开始 Starting soon: ${describeLesson(lesson, timeZone)}`,
        settings.displayName,
      );
      await attend(client, {
        roomId: lesson.occurrenceId,
        displayName: settings.displayName,
        token: settings.token,
      });
      showWaiting('本节课已结束 The lesson has ended', settings.displayName);
      await delay(5000);
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) {
        // The device credential was revoked or expired: enrol again.
        forgetSettings(localStorage);
        location.reload();
        return;
      }
      // Refused for now (the room opens a few minutes before the bell): ask again soon.
      if (error instanceof LiveRoomError || error instanceof HttpError) {
        await delay(SCHEDULE_POLL_MS / 4);
        continue;
      }
      showBanner('offline');
      await delay(5000);
    }
  }
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

const settings = loadSettings(location.search, localStorage);
if (settings) run(settings);
else app.replaceChildren(setupForm(run));
