// The coordinator screen: the community's week grid (by school, classroom or teacher),
// creating and dragging lessons, negotiation, term and bell editors, import and export.
import type { CommunityDetail, GridOccurrence, WeekReply } from '../../shared/timetable/api';
import type { SeriesSpec } from '../../shared/timetable/series';
import { ApiError, TimetableApi } from './api';
import { h } from './dom';
import { renderGrid, type GridBy } from './grid';
import { lessonForm } from './lessonForm';
import { seriesPanel } from './seriesPanel';
import { termEditor } from './termEditor';
import { devicePanel } from './devicePanel';
import { takeLinkCode } from '../lib/linkCode';
import { noticeBell } from '../lib/notices';

const params = new URLSearchParams(location.search);
const bar = document.getElementById('bar')!;
const gridEl = document.getElementById('grid')!;
const side = document.getElementById('side')!;
const notice = document.getElementById('notice')!;

function tell(message: string) {
  notice.hidden = !message;
  notice.textContent = message;
}

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const localToday = () =>
  new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

const state = {
  communityId: params.get('community') ?? '',
  date: params.get('date') ?? localToday(),
  by: (params.get('by') as GridBy) ?? 'school',
  view: 'working' as 'working' | 'published',
};
let detail: CommunityDetail | undefined;
let week: WeekReply | undefined;

function token(): string | undefined {
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem('tongke.token', fromUrl);
    history.replaceState(
      null,
      '',
      location.pathname + location.search.replace(/([?&])token=[^&]*&?/, '$1').replace(/[?&]$/, ''),
    );
  }
  return fromUrl ?? sessionStorage.getItem('tongke.token') ?? undefined;
}

function login() {
  const form = h(
    'form',
    {
      class: 'panel',
      onsubmit: (async (e: Event) => {
        e.preventDefault();
        const data = new FormData(form);
        const res = await fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: data.get('login'), password: data.get('password') }),
        });
        if (!res.ok) return tell('用户名或密码错误');
        sessionStorage.setItem('tongke.token', ((await res.json()) as { token: string }).token);
        location.reload();
      }) as EventListener,
    },
    h('h3', {}, '协调员登录'),
    h('input', { name: 'login', placeholder: '用户名', required: true }),
    h('input', { name: 'password', type: 'password', placeholder: '密码', required: true }),
    h('button', { type: 'submit', class: 'primary' }, '登录'),
  );
  gridEl.replaceChildren(form);
}

async function reload(api: TimetableApi) {
  if (!state.communityId) return;
  [detail, week] = await Promise.all([
    api.community(state.communityId),
    api.week(state.communityId, state.date, state.view),
  ]);
  const hard = week.conflicts.filter((c) => c.severity === 'hard').length;
  document.getElementById('summary')!.textContent =
    `${week.monday} 这一周 · ${week.occurrences.length} 节同步课 · ${hard} 个冲突`;
  gridEl.replaceChildren(
    renderGrid(detail, week, state.by, {
      create: (slot) =>
        openForm(api, {
          weekday: slot.weekday,
          period: slot.period,
          ...(slot.coreClassroomId ? { coreClassroomId: slot.coreClassroomId } : {}),
          ...(slot.teacherId ? { teacherId: slot.teacherId } : {}),
        }),
      select: (o) => openPanel(api, o),
      move: (seriesId, weekday, period) => void moveSeries(api, seriesId, weekday, period),
    }),
  );
}

function openForm(api: TimetableApi, initial: Partial<SeriesSpec>, seriesId?: string) {
  if (!detail) return;
  const series = seriesId ? week?.series.find((s) => s.id === seriesId) : undefined;
  side.replaceChildren(
    lessonForm({
      api,
      detail,
      initial: series ? series.spec : initial,
      series,
      saved: (hard) => {
        side.replaceChildren();
        tell(hard ? `已保存，但有 ${hard} 个冲突（红色标出）` : '已保存');
        void reload(api);
      },
      close: () => side.replaceChildren(),
    }),
  );
}

function openPanel(api: TimetableApi, o: GridOccurrence) {
  const series = week?.series.find((s) => s.id === o.seriesId);
  if (!detail || !series || !week) return;
  side.replaceChildren(
    seriesPanel({
      api,
      detail,
      series,
      occurrence: o,
      conflicts: week.conflicts.filter(
        (c) => c.seriesId === o.seriesId && (!c.occurrenceId || c.occurrenceId === o.occurrenceId),
      ),
      edit: () => openForm(api, series.spec, series.id),
      changed: (message) => {
        tell(message);
        side.replaceChildren();
        void reload(api);
      },
    }),
  );
}

async function moveSeries(api: TimetableApi, seriesId: string, weekday: number, period: number) {
  const series = week?.series.find((s) => s.id === seriesId);
  if (!series) return;
  try {
    const reply = await api.updateSeries(state.communityId, series, {
      ...series.spec,
      weekday,
      period,
    });
    const hard = reply.conflicts.filter((c) => c.severity === 'hard').length;
    tell(hard ? `已移动，但有 ${hard} 个冲突` : '已移动');
  } catch (e) {
    tell(e instanceof ApiError ? e.reasons.join('\n') : String(e));
  }
  await reload(api);
}

function toolbar(api: TimetableApi, communities: { id: string; name: string }[]) {
  const pick = <T extends string>(options: [T, string][], value: T, set: (v: T) => void) =>
    h(
      'select',
      {
        onchange: ((e: Event) => {
          set((e.target as HTMLSelectElement).value as T);
          void reload(api);
        }) as EventListener,
      },
      ...options.map(([v, l]) => h('option', { value: v, selected: v === value }, l)),
    );
  // Fetched at click time with the header (it follows the week and view shown now), then
  // saved from a blob: the token never rides in the link.
  const exportLink = (format: 'csv' | 'xlsx', label: string) =>
    h(
      'a',
      {
        href: '#',
        onclick: ((e: Event) => {
          e.preventDefault();
          void api.exportFile(state.communityId, state.date, state.by, format).then(
            (blob) => {
              const save = h('a', {
                href: URL.createObjectURL(blob),
                download: `tongke-${state.communityId}-${state.date}.${format}`,
              });
              save.click();
              setTimeout(() => URL.revokeObjectURL(save.href), 60_000);
            },
            (error: unknown) => tell(String(error)),
          );
        }) as EventListener,
      },
      label,
    );
  const dateInput = h('input', {
    type: 'date',
    value: state.date,
    onchange: ((e: Event) => {
      state.date = (e.target as HTMLInputElement).value;
      void reload(api);
    }) as EventListener,
  });
  const shift = (days: number) => () => {
    state.date = addDays(state.date, days);
    dateInput.value = state.date;
    void reload(api);
  };
  const file = h('input', {
    type: 'file',
    accept: '.csv,.xlsx',
    hidden: true,
    onchange: (async () => {
      const f = file.files?.[0];
      if (!f) return;
      try {
        const r = await api.importFile(state.communityId, f, f.name);
        tell(
          `导入 ${r.created.length} 节草稿，${r.conflicts.filter((c) => c.severity === 'hard').length} 个冲突`,
        );
      } catch (e) {
        tell(
          `导入失败，未写入任何数据：\n${e instanceof ApiError ? e.reasons.join('\n') : String(e)}`,
        );
      }
      file.value = '';
      await reload(api);
    }) as EventListener,
  });
  bar.replaceChildren(
    h('h1', {}, '同步课堂“一张表”'),
    pick(
      communities.map((c) => [c.id, c.name]),
      state.communityId,
      (v) => (state.communityId = v),
    ),
    h('button', { onclick: shift(-7) }, '‹ 上周'),
    dateInput,
    h('button', { onclick: shift(7) }, '下周 ›'),
    pick<GridBy>(
      [
        ['school', '按学校'],
        ['classroom', '按教室'],
        ['teacher', '按教师'],
      ],
      state.by,
      (v) => (state.by = v),
    ),
    pick<'working' | 'published'>(
      [
        ['working', '协商稿'],
        ['published', '已发布'],
      ],
      state.view,
      (v) => (state.view = v),
    ),
    h(
      'button',
      { class: 'primary', onclick: () => openForm(api, { weekday: 1, period: 1 }) },
      '新建同步课',
    ),
    h(
      'button',
      {
        onclick: async () => {
          try {
            const r = await api.publishAll(state.communityId);
            tell(
              [
                `已发布 ${r.published.length} 门同步课`,
                ...(r.refused.length
                  ? [`${r.refused.length} 门未发布：`, ...r.refused.map((x) => `· ${x.message}`)]
                  : []),
              ].join('\n'),
            );
          } catch (e) {
            tell(`全部发布失败：${e instanceof ApiError ? e.reasons.join('\n') : String(e)}`);
          }
          await reload(api);
        },
      },
      '全部发布',
    ),
    h('button', { onclick: () => file.click() }, '导入 CSV/Excel'),
    file,
    exportLink('csv', '导出 CSV'),
    exportLink('xlsx', '导出 Excel'),
    h(
      'button',
      {
        onclick: () =>
          detail &&
          side.replaceChildren(
            ...detail.schools.map((s) =>
              termEditor(api, state.communityId, s, (m) => {
                tell(m);
                void reload(api);
              }),
            ),
          ),
      },
      '作息与校历',
    ),
    h(
      'button',
      { onclick: () => detail && side.replaceChildren(devicePanel(api, detail)) },
      '教室设备',
    ),
    h('span', { id: 'summary' }),
  );
}

async function start() {
  // The printed dev link carries a one-time code, traded here for this tab's session.
  const link = await takeLinkCode();
  if (link.token) sessionStorage.setItem('tongke.token', link.token);
  if (link.refused) tell(link.refused);
  const t = token();
  if (!t) return login();
  const api = new TimetableApi(t);
  try {
    const communities = await api.communities();
    if (!communities.length) return tell('没有可管理的共同体');
    if (!communities.some((c) => c.id === state.communityId))
      state.communityId = communities[0]!.id;
    toolbar(api, communities);
    noticeBell();
    await reload(api);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      sessionStorage.removeItem('tongke.token');
      return login();
    }
    tell(e instanceof ApiError ? e.reasons.join('\n') : String(e));
  }
}

void start();
