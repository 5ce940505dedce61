// The lesson record beside the minutes: attendance, connection quality, material.
import {
  materialKindLabels,
  qualityGradeLabels,
  qualityIssueLabels,
  type LessonView,
  type QualitySummary,
} from '../../shared/lessons';
import { labelOf } from '../../shared/timetable/names';
import { h } from '../lib/dom';
import { api } from './api';
import { questionsView } from './questionsView';

/** The grade first, then why (what the classroom saw of the teacher first), then figures. */
export function qualityText(q: QualitySummary): string {
  if (q.samples === 0) return qualityGradeLabels.none;
  const why = q.issues.map((i) => qualityIssueLabels[i]);
  const figures = [`丢包 ${q.avgLossPct}%`, `时延 ${q.avgRttMs} ms`];
  if (q.teacherVideo) figures.unshift(`主讲画面 ${q.teacherVideo.receivedPct}%`);
  return `${qualityGradeLabels[q.grade]}${why.length > 0 ? ` · ${why.join('，')}` : ''}（${figures.join('，')}）`;
}

export function formatTime(ms: number, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms);
}

export function recordView(view: LessonView): HTMLElement {
  const { attendance, materials, names } = view;
  const rows = attendance.classrooms.map((c) =>
    h(
      'tr',
      { 'data-classroom': c.classroomId, class: c.absent ? 'absent' : undefined },
      h('td', { text: labelOf(names, c.classroomId) }),
      h('td', { text: c.side === 'core' ? '主讲' : '听讲' }),
      h('td', { text: c.absent ? '缺席' : `${c.minutesConnected} 分钟` }),
      h('td', {
        text: c.intervals.map((i) => `${formatTime(i.from)}–${formatTime(i.to)}`).join('，'),
      }),
      h('td', { class: `grade-${c.quality.grade}`, text: qualityText(c.quality) }),
    ),
  );
  const table = h(
    'table',
    { class: 'attendance' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['教室', '类型', '在线时长', '连接时段', '连接质量'].map((t) => h('th', { text: t })),
      ),
    ),
    h('tbody', {}, ...rows),
  );
  const list = h(
    'ul',
    { class: 'materials' },
    ...materials.map((m) => {
      const link = h('a', { href: '#', 'data-material': m.id, text: m.fileName });
      link.addEventListener('click', (e) => {
        e.preventDefault();
        // Open the tab now (a popup must follow the click), fill it when the file is here.
        const tab = window.open('', '_blank');
        api
          .fileUrl(m.id)
          .then((url) => (tab ? (tab.location.href = url) : window.location.assign(url)))
          .catch(() => tab?.close());
      });
      return h('li', {}, h('span', { class: 'kind', text: materialKindLabels[m.kind] }), link);
    }),
  );
  return h(
    'section',
    { class: 'record' },
    h('h2', { text: '课堂记录' }),
    table,
    attendance.absent.length > 0
      ? h('p', {
          class: 'absent-list',
          text: `未到教室：${attendance.absent.map((id) => labelOf(names, id)).join('、')}`,
        })
      : null,
    questionsView(view),
    h('h2', { text: '教学资料' }),
    materials.length > 0 ? list : h('p', { class: 'muted', text: '暂无资料' }),
    playbackLink(view),
  );
}

/** The lesson as it was recorded (教学实录), once it has been live. */
function playbackLink(view: LessonView): HTMLElement | null {
  const { state, occurrence } = view.lesson;
  if (state === 'scheduled' || state === 'open') return null;
  return h(
    'p',
    {},
    h('a', {
      href: `/playback/?${new URLSearchParams({ occurrence: occurrence.occurrenceId })}`,
      'data-action': 'playback',
      target: '_blank',
      text: '观看课堂录像 Watch the recording',
    }),
  );
}
