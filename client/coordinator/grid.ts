// The community week grid: one table per school, classroom or teacher, rows that school's
// own periods, a card per lesson with its status, member fit and conflicts where they are.
import type { CommunityDetail, GridOccurrence, WeekReply } from '../../shared/timetable/api';
import type { Period } from '../../shared/timetable/model';
import type { Conflict, SeriesRecord } from '../../shared/timetable/series';
import { h, statusNames, weekdayNames } from './dom';
import { teacherRole } from '../../shared/timetable/occurrence';

export type GridBy = 'school' | 'classroom' | 'teacher';

export interface GridHandlers {
  /** an empty core-school cell: create a lesson there */
  create(slot: {
    weekday: number;
    period: number;
    coreClassroomId?: string;
    teacherId?: string;
  }): void;
  select(o: GridOccurrence): void;
  /** a card dropped on another core-school cell: move its series there */
  move(seriesId: string, weekday: number, period: number): void;
}

interface Group {
  title: string;
  schoolId: string;
  core: boolean;
  has(o: GridOccurrence): boolean;
  preset?: { coreClassroomId?: string; teacherId?: string };
}

function groups(detail: CommunityDetail, by: GridBy): Group[] {
  const { community, schools, classrooms, teachers } = detail;
  const schoolName = (id: string) => schools.find((s) => s.id === id)?.name ?? id;
  const isCore = (schoolId: string) => schoolId === community.coreSchoolId;
  if (by === 'school')
    return schools.map((s) => ({
      title: `${s.name}${isCore(s.id) ? '（核心校）' : ''}`,
      schoolId: s.id,
      core: isCore(s.id),
      has: (o) =>
        [o.coreClassroomId, ...o.memberClassroomIds].some(
          (r) => classrooms.find((c) => c.id === r)?.schoolId === s.id,
        ),
    }));
  if (by === 'classroom')
    return classrooms.map((c) => ({
      title: `${schoolName(c.schoolId)} ${c.name}`,
      schoolId: c.schoolId,
      core: isCore(c.schoolId),
      has: (o) => o.coreClassroomId === c.id || o.memberClassroomIds.includes(c.id),
      preset: isCore(c.schoolId) ? { coreClassroomId: c.id } : undefined,
    }));
  return teachers.map((t) => ({
    title: `${t.name}（${schoolName(t.schoolId)}）`,
    schoolId: t.schoolId,
    core: isCore(t.schoolId),
    has: (o) => teacherRole(t.id, o) !== undefined,
    preset: isCore(t.schoolId) ? { teacherId: t.id } : undefined,
  }));
}

function card(
  o: GridOccurrence,
  series: SeriesRecord | undefined,
  conflicts: Conflict[],
  detail: CommunityDetail,
  memberView: string | undefined,
  handlers: GridHandlers,
  draggable: boolean,
) {
  const hard = conflicts.filter((c) => c.severity === 'hard');
  const fit = memberView ? o.members.find((m) => m.schoolId === memberView) : undefined;
  const warnings = conflicts.filter((c) => c.severity === 'warning').map((c) => c.message);
  if (fit && !fit.fits) warnings.push(`本校节次只重叠 ${Math.round(fit.overlap * 100)}%`);
  const teacher = detail.teachers.find((t) => t.id === o.teacherId)?.name ?? o.teacherId;
  const status = series?.status ?? 'draft';
  const el = h(
    'div',
    {
      class: [
        'lesson',
        status,
        hard.length ? 'conflict' : '',
        warnings.length ? 'warning' : '',
        o.status === 'cancelled' ? 'cancelled' : '',
      ].join(' '),
      draggable: draggable && o.status === 'scheduled',
      title: [...hard.map((c) => `冲突：${c.message}`), ...warnings.map((w) => `提示：${w}`)].join(
        '\n',
      ),
      'data-series-id': o.seriesId,
      'data-occurrence-id': o.occurrenceId,
      onclick: () => handlers.select(o),
      ondragstart: ((e: DragEvent) =>
        e.dataTransfer?.setData('text/series', o.seriesId)) as EventListener,
    },
    h('b', {}, o.subject),
    ` ${teacher}`,
    h(
      'small',
      {},
      `${o.clock.start}–${o.clock.end} · ${statusNames[status]}${o.moved ? ' · 调课' : ''}${o.substituted ? ' · 代课' : ''}`,
    ),
    hard.length ? h('span', { class: 'marker' }, `⚠ 冲突 ${hard.length}`) : null,
    !hard.length && warnings.length ? h('span', { class: 'marker' }, '△ 提示') : null,
    series?.status === 'proposed'
      ? h(
          'span',
          { class: 'dots' },
          ...series.responses.map((r) =>
            h('i', {
              class: r.decision,
              title: `${detail.schools.find((s) => s.id === r.schoolId)?.name}: ${r.decision}`,
            }),
          ),
        )
      : null,
  );
  return el;
}

export function renderGrid(
  detail: CommunityDetail,
  week: WeekReply,
  by: GridBy,
  handlers: GridHandlers,
): HTMLElement {
  const byOcc = new Map<string, Conflict[]>();
  const bySeries = new Map<string, Conflict[]>();
  for (const c of week.conflicts) {
    const map = c.occurrenceId ? byOcc : bySeries;
    const key = c.occurrenceId ?? c.seriesId;
    map.set(key, [...(map.get(key) ?? []), c]);
  }
  const seriesById = new Map(week.series.map((s) => [s.id, s]));
  const days = week.days.filter((d, i) => i < 5 || week.occurrences.some((o) => o.date === d));
  const weekdayOfDay = (d: string) => ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

  return h(
    'div',
    { class: 'grids' },
    ...groups(detail, by).map((g) => {
      const school = detail.schools.find((s) => s.id === g.schoolId);
      const periods: Period[] = school?.bellSchedule.periods ?? [];
      const mine = week.occurrences.filter(g.has);
      const rowOf = (o: GridOccurrence) =>
        g.core ? o.period : (o.members.find((m) => m.schoolId === g.schoolId)?.period ?? o.period);
      return h(
        'section',
        { class: 'grid', 'data-school-id': g.schoolId },
        h('h3', {}, g.title),
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, '节次'),
              ...days.map((d) => h('th', {}, `${weekdayNames[weekdayOfDay(d)]} ${d.slice(5)}`)),
            ),
          ),
          h(
            'tbody',
            {},
            ...periods.map((p) =>
              h(
                'tr',
                {},
                h('th', {}, `第${p.n}节`, h('small', {}, `${p.start}–${p.end}`)),
                ...days.map((d) => {
                  const weekday = weekdayOfDay(d);
                  const here = mine.filter((o) => o.date === d && rowOf(o) === p.n);
                  const td = h(
                    'td',
                    {
                      class: g.core ? 'cell slot' : 'cell',
                      'data-weekday': weekday,
                      'data-period': p.n,
                      onclick: ((e: Event) => {
                        if (g.core && e.target === td)
                          handlers.create({ weekday, period: p.n, ...g.preset });
                      }) as EventListener,
                      ondragover: ((e: DragEvent) => g.core && e.preventDefault()) as EventListener,
                      ondrop: ((e: DragEvent) => {
                        const id = e.dataTransfer?.getData('text/series');
                        if (g.core && id) handlers.move(id, weekday, p.n);
                      }) as EventListener,
                    },
                    ...here.map((o) =>
                      card(
                        o,
                        seriesById.get(o.seriesId),
                        [...(byOcc.get(o.occurrenceId) ?? []), ...(bySeries.get(o.seriesId) ?? [])],
                        detail,
                        g.core ? undefined : g.schoolId,
                        handlers,
                        g.core,
                      ),
                    ),
                  );
                  return td;
                }),
              ),
            ),
          ),
        ),
      );
    }),
  );
}
