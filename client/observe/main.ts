// 巡课: a district inspector or a coordinator watches a live lesson — the teacher and her
// courseware, every member classroom with its connection quality — without being seen.
import type { LessonSummary } from '../../shared/lessons';
import type { Principal } from '../../shared/auth';
import { LiveRoomClient } from '../lib/LiveRoomClient';
import { audioSink, videoTile } from '../lib/VideoTile';
import { $, h } from '../lib/dom';
import { loginForm } from '../lib/loginForm';
import { authorized, HttpError, session } from '../lib/session';
import { ClassroomWall } from '../teacher/wall';

const app = $('#app');
const banner = $('#banner');

async function runningLessons(): Promise<{ me: Principal; lessons: LessonSummary[] }> {
  const me = await authorized<Principal>('/api/auth/me');
  const lists = await Promise.all(
    me.communityIds.flatMap((communityId) =>
      (['open', 'live'] as const).map((state) =>
        authorized<LessonSummary[]>(`/api/lessons?${new URLSearchParams({ communityId, state })}`),
      ),
    ),
  );
  return { me, lessons: lists.flat() };
}

function choose(lessons: LessonSummary[]): Promise<LessonSummary> {
  return new Promise((resolve) => {
    const rows = lessons.map((lesson) => {
      const watch = h('button', { class: 'primary', text: '巡课 Watch' });
      watch.addEventListener('click', () => resolve(lesson));
      return h(
        'li',
        { 'data-occurrence': lesson.occurrenceId },
        h('strong', { text: `${lesson.subject} · ${lesson.communityId}` }),
        h('span', { class: 'muted', text: lesson.state === 'live' ? ' 上课中' : ' 即将开始' }),
        watch,
      );
    });
    app.replaceChildren(
      h(
        'section',
        { class: 'picker' },
        h('h1', { text: '正在进行的同步课堂 Lessons now' }),
        rows.length
          ? h('ul', {}, ...rows)
          : h('p', { text: '现在没有同步课堂 No lesson right now' }),
      ),
    );
  });
}

async function watch(lesson: LessonSummary, me: Principal): Promise<void> {
  const client = new LiveRoomClient({ url: '' });
  client.on('token', ({ token }) => session.renew(token));
  const teacher = h('div', { class: 'teacher' });
  const stage = h('div', { class: 'stage-view' });
  const wall = h('div', { class: 'wall' });
  const classrooms = new ClassroomWall(client, wall, stage, { canStage: false });
  app.replaceChildren(h('div', { class: 'watch' }, teacher, stage, wall));
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
    app.replaceChildren(
      h('section', { class: 'picker' }, h('h1', { text: '本节课已结束 The lesson has ended' })),
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
      const { me, lessons } = await runningLessons();
      await watch(await choose(lessons), me);
      return;
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) session.clear();
      else {
        app.replaceChildren(h('p', { class: 'error', text: (error as Error).message }));
        return;
      }
    }
  }
}

void main();
