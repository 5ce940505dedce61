// The report's tables: totals per row (a community, a school, a teacher) with a 合计 foot,
// and the lessons of a community or a school.
import { lessonOutcomeLabels, type LessonRow, type Totals } from '../../shared/evaluation';
import { h } from '../lib/dom';

const columns: [string, (t: Totals) => string | number][] = [
  ['计划', (t) => t.lessons.scheduled],
  ['已开课', (t) => t.lessons.held],
  ['停课', (t) => t.lessons.cancelled],
  ['调课', (t) => t.lessons.moved],
  ['未开课', (t) => t.lessons.missed],
  ['出勤率', (t) => `${t.attendance.ratePct}%`],
  ['实到/应到', (t) => `${t.attendance.attended}/${t.attendance.expected}`],
  ['连线分钟', (t) => t.attendance.minutesConnected],
  ['质量差', (t) => t.quality.poor],
  ['教研', (t) => t.research.held],
  ['纪要完成', (t) => `${t.research.completedPct}%`],
  ['附资料', (t) => t.materials.lessons],
  ['评课', (t) => t.reviews.count],
];

export interface TotalsRow {
  key: string;
  name: string;
  /** a hash link to drill into, when there is one */
  href?: string;
  extra?: string;
  totals: Totals;
}

export function totalsTable(
  first: string,
  rows: readonly TotalsRow[],
  foot: Totals | undefined,
): HTMLTableElement {
  const cells = (t: Totals) =>
    columns.map(([, v]) => h('td', { class: 'num', text: String(v(t)) }));
  return h(
    'table',
    { class: 'totals' },
    h(
      'thead',
      {},
      h('tr', {}, h('th', { text: first }), ...columns.map(([c]) => h('th', { text: c }))),
    ),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          { 'data-row': r.key },
          h(
            'th',
            { scope: 'row' },
            r.href ? h('a', { href: r.href, text: r.name }) : r.name,
            r.extra ? h('span', { class: 'en', text: r.extra }) : null,
          ),
          ...cells(r.totals),
        ),
      ),
    ),
    foot
      ? h('tfoot', {}, h('tr', { 'data-row': 'total' }, h('th', { text: '合计' }), ...cells(foot)))
      : null,
  );
}

const time = (ms: number) =>
  new Date(ms).toLocaleString('zh-CN', {
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

export function lessonsTable(rows: readonly LessonRow[]): HTMLTableElement {
  return h(
    'table',
    { class: 'lessons' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['时间', '学科', '主讲', '状态', '听讲实到', '连线分钟', '教研纪要', '资料', '评课'].map(
          (c) => h('th', { text: c }),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((r) => {
        const f = r.facts;
        const members = f.classrooms.filter((c) => c.side === 'member');
        const held = f.outcome === 'held';
        const filled = f.research.sections.filter((s) => s.filled).length;
        return h(
          'tr',
          { 'data-occurrence': f.occurrenceId, class: f.outcome },
          h(
            'td',
            {},
            h('a', { href: `#/lesson/${encodeURIComponent(f.occurrenceId)}`, text: time(f.start) }),
          ),
          h('td', { text: f.subject }),
          h('td', { text: r.teacherName ?? f.teacherId }),
          h('td', { text: `${lessonOutcomeLabels[f.outcome]}${f.moved ? '（调课）' : ''}` }),
          h('td', {
            class: 'num',
            text: held ? `${members.filter((m) => m.attended).length}/${members.length}` : '—',
          }),
          h('td', {
            class: 'num',
            text: held
              ? String(f.classrooms.reduce((a, c) => a + (c.attended ? c.minutesConnected : 0), 0))
              : '—',
          }),
          h('td', {
            class: 'num',
            text: f.research.held ? `${filled}/${f.research.sections.length}` : '—',
          }),
          h('td', { class: 'num', text: String(f.materials) }),
          h('td', {
            class: 'num',
            text: r.reviews.count ? `${r.reviews.count}（${r.reviews.avgScorePct}%）` : '—',
          }),
        );
      }),
    ),
  );
}
