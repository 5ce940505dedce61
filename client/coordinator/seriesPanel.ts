// One lesson's side panel: negotiation status per member school, propose / answer /
// publish, what changed since the published version, and this date's cancel or restore.
import type { CommunityDetail, GridOccurrence } from '../../shared/timetable/api';
import type { Conflict, SeriesRecord } from '../../shared/timetable/series';
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

export function seriesPanel(o: SeriesPanelOptions): HTMLElement {
  const { api, detail, series: s, occurrence } = o;
  const cid = detail.community.id;
  const schoolName = (id: string) => detail.schools.find((x) => x.id === id)?.name ?? id;
  const out = h('p', { class: 'status' });
  const run = (label: string, action: () => Promise<unknown>) =>
    h(
      'button',
      {
        type: 'button',
        onclick: async () => {
          try {
            await action();
            o.changed(`${label}：完成`);
          } catch (e) {
            out.textContent =
              e instanceof ApiError ? `${label}失败：${e.reasons.join('；')}` : String(e);
          }
        },
      },
      label,
    );

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
          {},
          h('td', {}, schoolName(r.schoolId)),
          h('td', { class: r.decision }, decisionNames[r.decision]),
          h('td', {}, r.comment),
          h(
            'td',
            {},
            s.status === 'proposed'
              ? run('代为同意', () =>
                  api.respond(cid, s.id, {
                    schoolId: r.schoolId,
                    decision: 'accepted',
                    comment: '',
                  }),
                )
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
    diff,
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', onclick: () => o.edit() }, '修改'),
      s.status === 'draft' ? run('提交成员校协商', () => api.propose(cid, s.id)) : null,
      s.status === 'proposed' ? run('发布', () => api.publish(cid, s.id)) : null,
      run('删除', async () => {
        if (confirm('删除这门同步课及其所有调课记录？')) await api.deleteSeries(cid, s.id);
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
