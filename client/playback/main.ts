// 录播回放: a recorded lesson as the projectors showed it — the teacher, her courseware and
// the classroom on stage, each from its own recorded file, kept in step by one clock with
// one seek bar, chapter marks from the lesson's events, and 1× / 1.5× / 2×.
import type { RecordedTrack, RecordingView } from '../../shared/recording';
import { $, h } from '../lib/dom';
import { loginForm } from '../lib/loginForm';
import { authorized, HttpError, session } from '../lib/session';
import { drawTimer, timerElement } from '../lib/toolViews';
import { picker } from './picker';
import { questionAt } from '../../shared/questionReplay';
import { questionCardView } from './questionCard';
import { recordedInk } from './recordedInk';
import { timerEvents, timerShownAt } from '../../shared/timerReplay';
import { clock, Timeline, type Layout } from './timeline';

const app = $('#app');
const TRACKS: RecordedTrack[] = ['teacher', 'screen', 'blackboard', 'stage'];
const LABELS: Record<RecordedTrack, string> = {
  teacher: '主讲教师 Teacher',
  screen: '课件 Courseware',
  blackboard: '板书 Blackboard',
  stage: '上台教室 On stage',
};
/** How far a track may drift from the clock before it is put back (seconds). */
const DRIFT_S = 0.35;

interface TrackView {
  tile: HTMLElement;
  video: HTMLVideoElement;
  /** the segment file loaded now */
  file: string | undefined;
}

/** A segment's address with the manifest's file-access token (never the login token). */
function fileUrl(recordingId: string, file: string, access: string | undefined): string {
  const q = new URLSearchParams(access ? { access } : {});
  return `/api/recordings/${encodeURIComponent(recordingId)}/files/${file}?${q}`;
}

function player(recordingId: string, view: RecordingView): void {
  const timeline = new Timeline(view.manifest, view.events);
  const stage = h('div', { class: 'stage layout-teacher' });
  const tracks = new Map<RecordedTrack, TrackView>();
  for (const track of TRACKS) {
    const video = h('video', { playsinline: true, preload: 'auto' });
    const tile = h(
      'div',
      { class: `tile track-${track}`, hidden: true },
      video,
      h('span', { class: 'label', text: LABELS[track] }),
    );
    stage.append(tile);
    tracks.set(track, { tile, video, file: undefined });
    video.addEventListener('error', () => {
      const placed = timeline.at(track, t);
      // A file the browser cannot play is skipped; the others go on.
      if (placed) timeline.markBad(placed.segment.id);
      tracks.get(track)!.file = undefined;
    });
  }

  // 批注 over the courseware, or on a whiteboard tile in its place, as the projectors had it.
  const ink = recordedInk(view.events, stage, tracks.get('screen')!.tile);

  const seek = h('input', {
    type: 'range',
    class: 'seek',
    min: '0',
    max: String(timeline.durationS),
    step: '0.1',
    value: '0',
    'aria-label': '进度 Seek',
  });
  const marks = h('div', { class: 'marks' });
  const span = Math.max(timeline.durationS, 0.001);
  for (const g of timeline.gaps) {
    marks.append(
      h('span', {
        class: 'gap',
        title: `${clock(g.fromS)}–${clock(g.toS)} ${g.label}`,
        style: `left: ${(g.fromS / span) * 100}%; width: ${Math.max(0.3, ((g.toS - g.fromS) / span) * 100)}%`,
      }),
    );
  }
  for (const c of timeline.chapters) {
    const mark = h('button', {
      class: `mark mark-${c.kind}`,
      title: `${clock(c.atS)} ${c.label}`,
      style: `left: ${(c.atS / span) * 100}%`,
    });
    mark.addEventListener('click', () => jump(c.atS));
    marks.append(mark);
  }
  const chapterList = h(
    'ol',
    { class: 'chapters' },
    ...timeline.chapters.map((c) => {
      const item = h('li', {}, h('button', { text: `${clock(c.atS)} ${c.label}` }));
      item.addEventListener('click', () => jump(c.atS));
      return item;
    }),
  );
  const playButton = h('button', { class: 'primary play', text: '播放 Play' });
  const time = h('span', { class: 'time', text: `0:00 / ${clock(timeline.durationS)}` });
  const speeds = [1, 1.5, 2].map((r) => {
    const b = h('button', { class: r === 1 ? 'speed active' : 'speed', text: `${r}×` });
    b.addEventListener('click', () => {
      setRate(r);
      for (const x of speeds) x.classList.toggle('active', x === b);
    });
    return b;
  });
  const gaps = view.manifest.gaps.length
    ? h('p', {
        class: 'muted',
        text: `录制中断 ${view.manifest.gaps.length} 次（已标出）Recording gaps: ${view.manifest.gaps.length}`,
      })
    : null;
  // The quick question of the moment, drawn again only when another one (or its close) is due;
  // its events picked out once (the clock asks five times a second, the log may be long).
  const questionEvents = view.events.filter(
    (e) => e.type === 'question_asked' || e.type === 'question_closed',
  );
  const questionBox = h('div', { class: 'question-box' });
  // The shared timer of the moment, on the recording's clock (never the wall clock).
  const timed = timerEvents(view.events);
  const timer = timerElement();
  timer.classList.add('recorded-timer');
  let questionShown = '';
  const showQuestion = (ms: number) => {
    const q = questionAt(questionEvents, ms);
    const key = q ? `${q.questionId}:${q.closed ? 'closed' : 'open'}` : '';
    if (key === questionShown) return;
    questionShown = key;
    questionBox.replaceChildren(...(q ? [questionCardView(q)] : []));
  };
  app.replaceChildren(
    h(
      'div',
      { class: 'playback' },
      stage,
      h(
        'div',
        { class: 'controls' },
        playButton,
        h('div', { class: 'bar' }, seek, marks),
        time,
        ...speeds,
      ),
      h('div', { class: 'below' }, chapterList, timer, questionBox, gaps),
    ),
  );

  // The clock: t advances at `rate` while playing; every video follows it.
  let t = 0;
  let rate = 1;
  let playing = false;
  let last = performance.now();
  let layout: Layout = 'teacher';

  function sync(force = false): void {
    for (const [track, v] of tracks) {
      const placed = timeline.at(track, t);
      v.tile.hidden = !placed;
      if (!placed) {
        if (!v.video.paused) v.video.pause();
        continue;
      }
      if (v.file !== placed.segment.file) {
        v.file = placed.segment.file;
        v.video.src = fileUrl(recordingId, placed.segment.file, view.fileAccess);
        v.video.currentTime = placed.offsetS;
        force = true;
      } else if (force || Math.abs(v.video.currentTime - placed.offsetS) > DRIFT_S * rate) {
        v.video.currentTime = placed.offsetS;
      }
      v.video.playbackRate = rate;
      if (playing && v.video.paused) void v.video.play().catch(() => undefined);
      if (!playing && !v.video.paused) v.video.pause();
    }
    const ms = view.manifest.startedAt + t * 1000;
    ink.show(ms, !tracks.get('screen')!.tile.hidden, !tracks.get('blackboard')!.tile.hidden);
    // A whiteboard page with nothing shared is shown large, as a share would be (the
    // projectors do the same: client/classroom/projector.ts).
    layout = ink.whiteboard ? 'courseware' : timeline.layoutAt(t);
    stage.className = `stage layout-${layout}`;
    showQuestion(ms);
    drawTimer(timer, timerShownAt(timed, ms));
    seek.value = String(t);
    time.textContent = `${clock(t)} / ${clock(timeline.durationS)}`;
  }

  function jump(to: number): void {
    t = Math.min(Math.max(0, to), timeline.durationS);
    sync(true);
  }

  function setRate(r: number): void {
    rate = r;
    sync();
  }

  function setPlaying(on: boolean): void {
    playing = on;
    last = performance.now();
    playButton.textContent = on ? '暂停 Pause' : '播放 Play';
    sync();
  }

  playButton.addEventListener('click', () => setPlaying(!playing));
  seek.addEventListener('input', () => jump(Number(seek.value)));
  setInterval(() => {
    const now = performance.now();
    if (playing) {
      t += ((now - last) / 1000) * rate;
      if (t >= timeline.durationS) {
        t = timeline.durationS;
        setPlaying(false);
      }
    }
    last = now;
    sync();
  }, 200);
  sync(true);

  (window as unknown as { __tongke: unknown }).__tongke = {
    get t() {
      return t;
    },
    get playing() {
      return playing;
    },
    get layout() {
      return layout;
    },
    get rate() {
      return rate;
    },
    /** the strokes drawn now (over the courseware or on the whiteboard) */
    get strokes() {
      return ink.replica.strokes.map((x) => x.id);
    },
    get whiteboard() {
      return ink.whiteboard;
    },
    seek: jump,
  };
}

async function main(): Promise<void> {
  const recordingId = new URLSearchParams(location.search).get('occurrence');
  for (;;) {
    if (!session.token) {
      const form = loginForm('同课 · 录播回放 Playback');
      app.replaceChildren(form.element);
      await form.signedIn;
    }
    try {
      if (!recordingId) return await picker(app);
      const view = await authorized<RecordingView>(
        `/api/recordings/${encodeURIComponent(recordingId)}`,
      );
      player(recordingId, view);
      return;
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) {
        session.clear();
        continue;
      }
      const text =
        error instanceof HttpError && error.status === 404
          ? '这节课没有录像 No recording of this lesson'
          : (error as Error).message;
      app.replaceChildren(h('p', { class: 'error', text }));
      return;
    }
  }
}

void main();
