// One lesson's side panel: negotiation status per member school, propose / answer /
// publish, what changed since the published version, and this date's cancel or restore.
import type { CommunityDetail, GridOccurrence } from '../../shared/timetable/api';
import type { Conflict, NegotiationEvent, SeriesRecord } from '../../shared/timetable/series';
import { ApiError, type TimetableApi } from './api';
import { decisionNames, h, statusNames } from './dom';

export interface SeriesPanelOptions {
  api: TimetableApi;
  detail: CommunityDetail;
  series: SeriesRecord;
  occurrence: GridOccurrence;
  conflicts: Conflict[];
  edit(): void;
  changed(message: string): void;
}

const when = (at: number) =>
  new Date(at).toLocaleString('zh-CN', {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

/** One line of the negotiation history: when, who, what, for which school. */
function logLine(e: NegotiationEvent, schoolName: (id: string) => string): string {
  const who = e.by?.name ?? '';
  const school = e.schoolId ? schoolName(e.schoolId) : '';
  const note = e.comment ? `：${e.comment}` : '';
  const what =
    e.kind === 'proposed'
      ? '提交成员校协商'
      : e.kind === 'withdrawn'
        ? '修改后撤回协商'
        : e.kind === 'published'
          ? `发布第${e.version ?? ''}版`
          : e.onBehalf
            ? `${who} 代 ${school} ${e.kind === 'accepted' ? '同意' : '提出异议'}${note}`
            : `${school} ${e.kind === 'accepted' ? '同意' : '提出异议'}（${who}）${note}`;
  return `${when(e.at)} ${what}`;
}

export function seriesPanel(o: SeriesPanelOptions): HTMLElement {
  const { api, detail, series: s, occurrence } = o;
  const cid = detail.community.id;
  const schoolName = (id: string) => detail.schools.find((x) => x.id === id)?.name ?? id;
  const out = h('p', { class: 'status' });
  /** A button for one action; an action that returns false was cancelled by the person. */
  const run = (label: string, action: () => Promise<unknown>) =>
    h(
      'button',
      {
        type: 'button',
        onclick: async () => {
          try {
            if ((await action()) === false) return;
            o.changed(`${label}：完成`);
          } catch (e) {
            out.textContent =
              e instanceof ApiError ? `${label}失败：${e.reasons.join('；')}` : String(e);
          }
        },
      },
      label,
    );

  const pending =
    s.status === 'proposed'
      ? s.responses.filter((r) => r.decision === 'pending').map((r) => r.schoolId)
      : [];

  const diff = h('div', { class: 'diff' });
  if (s.published && s.status !== 'published')
    void api
      .diff(cid, s.id)
      .then((d) =>
        diff.replaceChildren(
          h('h4', {}, `相对已发布第${d.publishedVersion}版的改动`),
          h(
            'ul',
            {},
            ...d.changes.map((c) =>
              h('li', {}, `${c.field}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`),
            ),
          ),
          h('small', {}, `涉及：${d.schoolIds.map(schoolName).join('、')}`),
        ),
      );

  return h(
    'aside',
    { class: 'panel' },
    h(
      'h3',
      {},
      `${s.spec.subject} · ${statusNames[s.status]}${s.published ? ` · 第${s.published.version}版` : ''}`,
    ),
    h(
      'ul',
      { class: 'conflicts' },
      ...o.conflicts.map((c) => h('li', { class: c.severity }, c.message)),
    ),
    h(
      'table',
      { class: 'responses' },
      ...s.responses.map((r) =>
        h(
          'tr',
          { 'data-school-id': r.schoolId },
          h('td', {}, schoolName(r.schoolId)),
          h(
            'td',
            { class: r.decision },
            r.onBehalf && r.decision === 'accepted' ? '代为同意' : decisionNames[r.decision],
          ),
          h('td', {}, r.comment),
          h('td', { class: 'by' }, r.by ? `${r.by.name} ${when(r.at)}` : ''),
          h(
            'td',
            {},
            s.status === 'proposed' && r.decision === 'pending'
              ? run('代为同意', async () => {
                  // Explicit and on record: for a school that cannot answer itself.
                  const comment = prompt(
                    `代 ${schoolName(r.schoolId)} 同意这节课？将以您的名义记录。请写明如何确认（如“电话确认”）：`,
                    '',
                  );
                  if (comment === null) return false;
                  return api.respond(cid, s.id, {
                    schoolId: r.schoolId,
                    decision: 'accepted',
                    comment,
                  });
                })
              : null,
            s.status === 'proposed'
              ? run('提出异议', async () => {
                  const comment = prompt('异议说明') ?? '';
                  await api.respond(cid, s.id, {
                    schoolId: r.schoolId,
                    decision: 'objected',
                    comment,
                  });
                })
              : null,
          ),
        ),
      ),
    ),
    pending.length > 0
      ? h(
          'p',
          { class: 'awaiting' },
          `待回复：${pending.map(schoolName).join('、')}。发布前须各校同意，或确认后代为同意。`,
        )
      : null,
    diff,
    s.log?.length
      ? h(
          'details',
          { class: 'log' },
          h('summary', {}, `协商记录（${s.log.length}）`),
          h('ol', {}, ...s.log.map((e) => h('li', {}, logLine(e, schoolName)))),
        )
      : null,
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', onclick: () => o.edit() }, '修改'),
      s.status === 'draft' ? run('提交成员校协商', () => api.propose(cid, s.id)) : null,
      s.status === 'proposed' ? run('发布', () => api.publish(cid, s.id)) : null,
      run('删除', async () => {
        if (!confirm('删除这门同步课及其所有调课记录？')) return false;
        return api.deleteSeries(cid, s.id);
      }),
    ),
    h('h4', {}, `${occurrence.date} 这一次`),
    h(
      'div',
      { class: 'row' },
      occurrence.status === 'scheduled'
        ? run('停课', () =>
            api.setOccurrence(cid, occurrence.occurrenceId, { cancelled: true, note: '' }),
          )
        : run('恢复', () => api.setOccurrence(cid, occurrence.occurrenceId, {})),
    ),
    out,
  );
}
