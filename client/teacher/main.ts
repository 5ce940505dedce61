// The core teacher's screen: device choice and preview, her lesson of today (signed in)
// or a trial room (room + code), start/stop, courseware share, the wall of member
// classrooms with raised hands and connection quality, on-stage control.
import { LiveRoomClient, type JoinOptions } from '../lib/LiveRoomClient';
import { $, h } from '../lib/dom';
import { loginForm } from '../lib/loginForm';
import { session, HttpError } from '../lib/session';
import { teacherCameraEncodings } from '../../shared/signaling/events';
import type { LessonState, LessonSummary } from '../../shared/lessons';
import { describeJoinError } from '../../shared/messages';
import { ClassroomWall } from './wall';
import { devicePicker, type DevicePicker } from './devices';
import { shareToggle } from './screenShare';
import { endLesson, extendLesson, joinCheck, startLesson, teacherDay } from './lessons';
import { lessonPicker } from './picker';
import { recordingBadge } from './recordingBadge';
import { startLabel } from './startLabel';
import { adhocRoomsPanel } from './adhocRooms';
import { layoutPicker } from './layoutPicker';
import { micControls } from './micControls';
import { annotationTools } from './annotationTools';
import { questionPanel } from './questionPanel';
import { materialPanel } from './materialPanel';
import { noticeBell } from '../lib/notices';
import { calendarLink } from './calendarLink';
import { signOutIfRefused } from '../lib/signedOut';

const app = $('#app');
const banner = $('#banner');
const params = new URLSearchParams(location.search);

/** The way in: a trial room from the link, or one of the signed-in teacher's lessons. */
async function chooseLesson(): Promise<{ join: JoinOptions; lesson?: LessonSummary }> {
  const [room, code, name] = [params.get('room'), params.get('code'), params.get('name')];
  if (room && code) {
    return {
      join: { roomId: room, roomCode: code, role: 'teacher', displayName: name ?? '主讲教师' },
    };
  }
  for (;;) {
    if (!session.token) {
      const form = loginForm('同课 · 主讲教师 Teacher');
      app.replaceChildren(form.element);
      await form.signedIn;
    }
    try {
      const day = await teacherDay();
      const picker = lessonPicker(day);
      app.replaceChildren(picker.element, calendarLink(day.me) ?? '', adhocRoomsPanel(day.me));
      noticeBell();
      const lesson = await picker.chosen;
      return {
        join: { roomId: lesson.occurrenceId, token: session.token!, displayName: day.me.name },
        lesson,
      };
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) session.clear();
      else throw error;
    }
  }
}

function lessonControls(lesson: LessonSummary | undefined): HTMLElement[] {
  if (!lesson) return [];
  const end = h('button', { text: '下课 End lesson' });
  end.addEventListener('click', () => {
    if (confirm('结束本节课并进入教研室？ End the lesson and open the research room?')) {
      void endLesson(lesson.occurrenceId).catch((e: Error) => alert(describeJoinError(e)));
    }
  });
  return [end, overrunButton(lesson)];
}

/**
 * 拖堂: the teacher runs over by five minutes at a time, from her screen; the server holds
 * the limit (LESSON_LATE_END_MAX_MIN) and says so when it is reached.
 */
function overrunButton(lesson: LessonSummary): HTMLElement {
  const step = 5 * 60_000;
  let plannedEnd = Date.parse(lesson.end);
  const button = h('button', { 'data-action': 'extend', text: '拖堂 5 分钟 Run over 5 min' });
  const time = (ms: number) =>
    new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false }).format(
      new Date(ms),
    );
  button.addEventListener('click', () => {
    const until = plannedEnd + step;
    void extendLesson(lesson.occurrenceId, new Date(until).toISOString()).then(
      () => {
        plannedEnd = until;
        button.textContent = `拖堂至 ${time(until)}，再延 5 分钟 Until ${time(until)}, +5 min`;
      },
      (e: Error) => alert(describeJoinError(e)),
    );
  });
  return button;
}

/**
 * The one start button of a scheduled lesson says what it does: before the bell it starts
 * the lesson early ("提前开始上课（距上课还有 3 分钟）"), after it just starts. It counts by the
 * server's clock (office PCs' clocks drift), read again every 15 s with the lesson's state.
 */
function followLesson(
  button: HTMLElement,
  lesson: LessonSummary,
): { state(): LessonState; stop(): void } {
  let state = lesson.state;
  const check = () =>
    joinCheck(lesson.occurrenceId)
      .then((c) => {
        state = c.state;
        if (c.now !== undefined)
          button.textContent = startLabel(Date.parse(lesson.start), c.now, state);
      })
      .catch(() => undefined);
  void check();
  const timer = setInterval(() => void check(), 15_000);
  return { state: () => state, stop: () => clearInterval(timer) };
}

async function publishDevices(client: LiveRoomClient, picker: DevicePicker): Promise<void> {
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

async function main(): Promise<void> {
  const { join, lesson } = await chooseLesson();
  const client = new LiveRoomClient({ url: '' });
  client.on('token', ({ token }) => session.renew(token));
  const picker = await devicePicker();
  const title = h('h2', { text: lesson ? `${lesson.subject}` : `试课 ${join.roomId}` });
  const startButton = h('button', {
    class: 'primary',
    'data-action': 'start',
    text: '开始上课 Start lesson',
  });
  const followed = lesson ? followLesson(startButton, lesson) : undefined;
  const recording = lesson && followed ? recordingBadge(lesson, followed.state) : undefined;
  const stopButton = h('button', { text: '离开 Leave', disabled: true });
  const shareButton = h('button', { text: '共享课件 Share courseware', disabled: true });
  const stage = h('div', { class: 'stage-view' });
  const wall = h('div', { class: 'wall' });
  const chat = h('div', { class: 'chat' });
  const chatInput = h('input', { name: 'chat', placeholder: '发送消息 Message' });
  const chatForm = h('form', {}, chatInput, h('button', { text: '发送' }));
  // The wall plays the classrooms' sound, each with the teacher's own volume for it.
  const mics = micControls(client);
  const classroomWall = new ClassroomWall(client, wall, stage, {
    playsAudio: true,
    tileActions: mics.tileActions,
  });
  const annotation = annotationTools(client);
  let screenTrack: MediaStreamTrack | undefined;
  const tools = questionPanel(client, () => screenTrack);
  const controls = h(
    'div',
    { class: 'controls' },
    title,
    recording?.element ?? null,
    picker.element,
    startButton,
    shareButton,
    layoutPicker(client),
    mics.element,
    ...lessonControls(lesson),
    stopButton,
  );

  app.replaceChildren(
    h(
      'div',
      { class: 'layout' },
      controls,
      h('div', { class: 'main' }, annotation.element, stage, wall),
      h(
        'div',
        { class: 'side' },
        tools.element,
        lesson ? materialPanel(client, lesson.occurrenceId) : null,
        chat,
        chatForm,
      ),
    ),
    tools.timer,
  );
  (window as unknown as { __tongke: unknown }).__tongke = {
    get state() {
      return client.state;
    },
    get classrooms() {
      return classroomWall.size;
    },
    levels: () => classroomWall.levels(),
  };

  client.on('state', (state) => {
    banner.hidden = state !== 'reconnecting';
    banner.className = `banner ${state}`;
    banner.textContent = '正在重新连接… Reconnecting';
  });
  client.on('closed', ({ reason, next }) => {
    const research =
      next?.kind === 'research' ? `/research/?occurrence=${encodeURIComponent(next.roomId)}` : null;
    app.replaceChildren(
      h(
        'section',
        { class: 'picker' },
        h('h1', {
          text:
            reason === 'lesson_ended'
              ? '本节课已结束 The lesson has ended'
              : '已离开 Left the room',
        }),
        research
          ? h('a', {
              class: 'primary',
              href: research,
              text: '进入同步教学研讨 Go to the research room',
            })
          : null,
      ),
    );
    // Closed because her account ended (disabled, password changed): she is signed out.
    if (reason !== 'lesson_ended') void signOutIfRefused(app);
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
  picker.onChange(() => {
    if (client.state !== 'joined') return;
    void Promise.all([
      client.unpublish('camera'),
      client.unpublish('mic'),
      client.unpublish('blackboard'),
    ]).then(() => publishDevices(client, picker));
  });

  /** Into the room, then (before the bell) the lesson goes live at once, then the camera. */
  async function begin(): Promise<void> {
    if (client.state !== 'joined') await client.join(join);
    if (lesson && followed?.state() !== 'live') {
      await startLesson(lesson.occurrenceId).catch((error: unknown) => {
        // The bell rang meanwhile: it is live, which is what she asked for.
        if (!(error instanceof HttpError && error.code === 'already_live')) throw error;
      });
    }
    await publishDevices(client, picker);
  }
  startButton.addEventListener('click', () => {
    startButton.disabled = true;
    begin()
      .then(() => {
        followed?.stop();
        // The recording starts with the lesson: say so without waiting for the next look.
        setTimeout(() => recording?.refresh(), 2000);
        startButton.hidden = true;
        stopButton.disabled = false;
        shareButton.disabled = false;
      })
      .catch((error: Error) => {
        startButton.disabled = false;
        alert(`无法开始 Could not start: ${describeJoinError(error)}`);
      });
  });
  stopButton.addEventListener('click', () => {
    void client.close().then(() => location.reload());
  });
  shareToggle(client, shareButton, (track) => {
    screenTrack = track;
    annotation.showScreen(track);
  });

  if (params.get('autostart') === '1') startButton.click();
}

void main();
