// 巡课: a district inspector or a coordinator watches a live lesson — the teacher and her
// courseware, every member classroom with its connection quality — without being seen.
import type { LessonSummary } from '../../shared/lessons';
import type { Principal } from '../../shared/auth';
import { describeJoinError } from '../../shared/messages';
import { LiveRoomClient } from '../lib/LiveRoomClient';
import { audioSink, videoTile } from '../lib/VideoTile';
import { $, h } from '../lib/dom';
import { loginForm } from '../lib/loginForm';
import { authorized, HttpError, session } from '../lib/session';
import { ClassroomWall } from '../teacher/wall';
import { reviewPanel } from './reviewForm';
import { showAnnotations } from '../lib/annotation/projector';

const app = $('#app');
const banner = $('#banner');

/** The list is read again this often, and whenever the page comes back into view. */
const REFRESH_MS = 20_000;

async function runningLessons(me: Principal): Promise<LessonSummary[]> {
  const lists = await Promise.all(
    me.communityIds.flatMap((communityId) =>
      (['open', 'live'] as const).map((state) =>
        authorized<LessonSummary[]>(`/api/lessons?${new URLSearchParams({ communityId, state })}`),
      ),
    ),
  );
  return lists.flat().sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

function lessonRow(lesson: LessonSummary, pick: (lesson: LessonSummary) => void): HTMLElement {
  const watch = h('button', { class: 'primary', text: '巡课 Watch' });
  watch.addEventListener('click', () => pick(lesson));
  const who = [lesson.communityName ?? lesson.communityId, lesson.teacherName].filter(Boolean);
  return h(
    'li',
    { 'data-occurrence': lesson.occurrenceId },
    h('strong', { text: [lesson.subject, ...who].join(' · ') }),
    h('span', { class: 'muted', text: lesson.state === 'live' ? ' 上课中' : ' 即将开始' }),
    watch,
  );
}

/**
 * The lessons open or live now, kept fresh while the inspector looks at the list: a lesson
 * that opens later appears by itself (she should not have to reload to find it).
 */
function choose(me: Principal): Promise<LessonSummary> {
  return new Promise((resolve, reject) => {
    const list = h(
      'div',
      { class: 'lessons' },
      h('p', { class: 'muted', text: '正在读取… Loading' }),
    );
    const note = h('p', { class: 'muted', hidden: true });
    app.replaceChildren(
      h(
        'section',
        { class: 'picker' },
        h('h1', { text: '正在进行的同步课堂 Lessons now' }),
        list,
        note,
        h('p', {}, h('a', { href: '/playback/', text: '录播回放：已结束的课 Recorded lessons' })),
      ),
    );
    let shown = '';
    const stop = () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
    const pick = (lesson: LessonSummary) => {
      stop();
      resolve(lesson);
    };
    const render = (lessons: LessonSummary[]) => {
      note.hidden = true;
      const key = JSON.stringify(lessons);
      if (key === shown) return; // unchanged: leave the buttons where the pointer is
      shown = key;
      list.replaceChildren(
        lessons.length
          ? h('ul', {}, ...lessons.map((l) => lessonRow(l, pick)))
          : h('p', { text: '现在没有同步课堂 No lesson right now' }),
      );
    };
    const refresh = () =>
      runningLessons(me).then(render, (error: unknown) => {
        if (error instanceof HttpError && error.status === 401) {
          stop();
          reject(error);
          return;
        }
        // The network hiccuped: keep the list, say so, try again at the next tick.
        note.hidden = false;
        note.textContent = '暂时无法刷新，稍后自动重试 Could not refresh; retrying';
      });
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    document.addEventListener('visibilitychange', onVisible);
    void refresh();
  });
}

async function watch(lesson: LessonSummary, me: Principal): Promise<void> {
  const client = new LiveRoomClient({ url: '' });
  client.on('token', ({ token }) => session.renew(token));
  const teacher = h('div', { class: 'teacher' });
  const stage = h('div', { class: 'stage-view' });
  const wall = h('div', { class: 'wall' });
  const classrooms = new ClassroomWall(client, wall, stage, { canStage: false });
  showAnnotations(client, teacher); // 批注 over the courseware, as the classrooms see it
  app.replaceChildren(h('div', { class: 'watch' }, teacher, stage, wall));
  document.body.append(reviewPanel(lesson));
  (window as unknown as { __tongke: unknown }).__tongke = {
    get state() {
      return client.state;
    },
    get classrooms() {
      return classrooms.size;
    },
  };
  const isTeacher = (peerId: string) =>
    client.peers.find((p) => p.peerId === peerId)?.role === 'teacher';
  const detach = new Map<string, () => void>();
  client.on('consumer', (remote) => {
    if (remote.kind === 'audio') {
      const audio = audioSink(remote);
      document.body.append(audio);
      detach.set(remote.consumerId, () => audio.remove());
    } else if (isTeacher(remote.peerId)) {
      const tile = videoTile(client, remote, remote.source === 'screen' ? '课件' : '主讲教师', 3);
      teacher.append(tile.element);
      detach.set(remote.consumerId, () => tile.detach());
    }
  });
  client.on('consumerClosed', (id) => {
    detach.get(id)?.();
    detach.delete(id);
  });
  client.on('state', (state) => {
    banner.hidden = state !== 'reconnecting';
    banner.className = `banner ${state}`;
    banner.textContent = '正在重新连接… Reconnecting';
  });
  client.on('closed', () => {
    const back = h('button', { class: 'primary', text: '返回巡课列表 Back to the lessons' });
    back.addEventListener('click', () => void main());
    app.replaceChildren(
      h(
        'section',
        { class: 'picker' },
        h('h1', { text: '本节课已结束 The lesson has ended' }),
        h(
          'p',
          {},
          h('a', {
            class: 'playback-link',
            href: `/playback/?${new URLSearchParams({ occurrence: lesson.occurrenceId })}`,
            text: '观看本节课录像 Watch the recording',
          }),
        ),
        back,
      ),
    );
  });
  await client.join({ roomId: lesson.occurrenceId, token: session.token!, displayName: me.name });
}

async function main(): Promise<void> {
  for (;;) {
    if (!session.token) {
      const form = loginForm('同课 · 巡课 Observe');
      app.replaceChildren(form.element);
      await form.signedIn;
    }
    try {
      const me = await authorized<Principal>('/api/auth/me');
      await watch(await choose(me), me);
      return;
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) session.clear();
      else {
        const text = `无法巡课 Could not watch: ${describeJoinError(error as Error)}`;
        app.replaceChildren(h('p', { class: 'error', text }));
        return;
      }
    }
  }
}

void main();
