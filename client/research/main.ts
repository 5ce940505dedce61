// The research room screen (同步教学研讨): log in (or arrive with a link token), pick the
// session, wait for the lesson to end if needed, then the record, the minutes and a place
// for the video meeting.
import { describeRefusal } from '../../shared/messages';
import type { ResearchSummary } from '../../shared/research';
import { h } from '../lib/dom';
import { takeLinkCode } from '../lib/linkCode';
import { loginForm } from '../lib/loginForm';
import { api, ApiError, session } from './api';
import { MinutesClient, type PendingStorage } from './minutesClient';
import { meetingView } from './meeting';
import { minutesView } from './minutesView';
import { formatTime, recordView } from './recordView';

const app = document.getElementById('app')!;
const params = new URLSearchParams(location.search);

// A link token arrives in the URL fragment (never sent to a server, so never in a log):
// keep it for this tab and take it out of the address bar. An invitation link carries a
// one-time code instead, traded for the token (takeLinkCode in main()).
const linkToken = new URLSearchParams(location.hash.slice(1)).get('token');
if (linkToken) {
  session.set(linkToken, false);
  history.replaceState(null, '', `${location.pathname}${location.search}`);
}

function show(...children: (Node | string)[]) {
  app.replaceChildren(...children);
}

/** Why the link did not sign her in (a used invitation), shown above the login form. */
let refusal: string | undefined;

async function signIn(): Promise<void> {
  const form = loginForm('同课 · 同步教学研讨');
  show(
    ...(refusal ? [h('p', { class: 'error link-refused', role: 'alert', text: refusal })] : []),
    form.element,
  );
  await form.signedIn;
  refusal = undefined;
}

async function chooseSession(): Promise<string> {
  const me = await api.me();
  const all: ResearchSummary[] = [];
  for (const c of me.communityIds) all.push(...(await api.sessions(c).catch(() => [])));
  const open = all.filter((s) => s.state === 'research');
  const archived = all.filter((s) => s.state === 'archived');
  return new Promise((resolve) => {
    const item = (s: ResearchSummary) => {
      const link = h('a', {
        href: `?occurrence=${encodeURIComponent(s.occurrenceId)}`,
        'data-occurrence': s.occurrenceId,
        text: `${s.subject} · ${formatTime(Date.parse(s.start))}`,
      });
      link.addEventListener('click', (e) => {
        e.preventDefault();
        history.pushState(null, '', link.href);
        resolve(s.occurrenceId);
      });
      return h('li', {}, link);
    };
    show(
      h(
        'section',
        { class: 'sessions' },
        h('h1', { text: `${me.name}，您好` }),
        h('h2', { text: '进行中的教研' }),
        open.length ? h('ul', {}, ...open.map(item)) : h('p', { class: 'muted', text: '暂无' }),
        h('h2', { text: '已归档的教研记录' }),
        archived.length
          ? h('ul', {}, ...archived.map(item))
          : h('p', { class: 'muted', text: '暂无' }),
      ),
    );
  });
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Before the lesson ends the room is closed: wait on a notice, then come in by itself. */
async function loadWhenOpen(occurrenceId: string) {
  for (;;) {
    try {
      return await api.research(occurrenceId);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'forbidden') throw error;
      if (!/research_not_open/.test(error.message)) throw error;
      show(h('p', { class: 'waiting', text: '课堂尚未结束，下课后将自动进入教研室…' }));
      await delay(2_000);
    }
  }
}

function pendingStorage(occurrenceId: string): PendingStorage {
  const key = `tongke.minutes.pending.${occurrenceId}`;
  return {
    load: () => JSON.parse(localStorage.getItem(key) ?? '[]') as string[],
    save: (updates) =>
      updates.length
        ? localStorage.setItem(key, JSON.stringify(updates))
        : localStorage.removeItem(key),
  };
}

async function room(occurrenceId: string) {
  const view = await loadWhenOpen(occurrenceId);
  const o = view.record.lesson.occurrence;
  const names = view.record.names;
  const client = new MinutesClient({
    url: '',
    token: session.token!,
    occurrenceId,
    storage: pendingStorage(occurrenceId),
  });
  show(
    h(
      'header',
      { class: 'room-header' },
      h('h1', { text: `${o.subject} · 同步教学研讨` }),
      h('p', {
        class: 'muted',
        text: [
          `${formatTime(Date.parse(o.start))}–${formatTime(Date.parse(o.end))}`,
          `主讲 ${names.teacher ?? o.teacherId}`,
          ...(names.community ? [names.community] : []),
        ].join(' · '),
      }),
    ),
    h(
      'div',
      { class: 'room' },
      meetingView({
        occurrenceId,
        token: session.token!,
        displayName: () => api.me().then((me) => me.name),
      }),
      minutesView(client),
      recordView(view.record),
    ),
  );
}

async function main() {
  // Come from a classroom PC (kiosk: no browser buttons): the way back to its schedule.
  if (params.get('from') === 'classroom') {
    document.body.append(
      h('a', {
        class: 'back-to-classroom',
        href: '/classroom/',
        text: '返回教室 Back to the classroom',
      }),
    );
  }
  const link = await takeLinkCode();
  if (link.token) session.set(link.token, false);
  refusal = link.refused;
  if (!session.token) await signIn();
  try {
    const occurrenceId = params.get('occurrence') ?? (await chooseSession());
    await room(occurrenceId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      session.clear();
      return main();
    }
    show(
      h('p', {
        class: 'error',
        text: `无法打开教研室 Could not open the research room：${describeRefusal((error as Error).message)}`,
      }),
    );
  }
}

void main();
