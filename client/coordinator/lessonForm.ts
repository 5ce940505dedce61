// The form to create or change a synchronized lesson; conflicts are checked as it is edited.
import type { CommunityDetail } from '../../shared/timetable/api';
import type { SeriesRecord, SeriesSpec, Weeks } from '../../shared/timetable/series';
import type { TimetableApi } from './api';
import { ApiError } from './api';
import { periodsOnDay } from '../../shared/timetable/bellEdit';
import { h, weekdayNames } from './dom';

export interface LessonFormOptions {
  api: TimetableApi;
  detail: CommunityDetail;
  initial: Partial<SeriesSpec>;
  series?: SeriesRecord;
  /** called after a save, with the conflicts the server found */
  saved(conflicts: number): void;
  close(): void;
}

const weeksOptions: [string, string][] = [
  ['every', '每周'],
  ['odd', '单周'],
  ['even', '双周'],
];

export function lessonForm(o: LessonFormOptions): HTMLElement {
  const { api } = o;
  // Retired classrooms and teachers are offered for nothing new; a lesson that names one
  // still shows it (docs/setup.md).
  const named = new Set([
    o.initial.teacherId,
    o.initial.coreClassroomId,
    ...(o.initial.memberClassroomIds ?? []),
    ...(o.initial.memberTeachers ?? []).map((m) => m.teacherId),
  ]);
  const offered = <T extends { id: string; retiredAt?: number }>(xs: T[]) =>
    xs.filter((x) => x.retiredAt === undefined || named.has(x.id));
  const detail = {
    ...o.detail,
    classrooms: offered(o.detail.classrooms),
    teachers: offered(o.detail.teachers),
  };
  const coreRooms = detail.classrooms.filter((c) => c.schoolId === detail.community.coreSchoolId);
  const memberRooms = detail.classrooms.filter((c) => c.schoolId !== detail.community.coreSchoolId);
  const schoolName = (id: string) => detail.schools.find((s) => s.id === id)?.name ?? id;
  const init = o.initial;
  const select = (name: string, options: [string, string][], value?: string | number) =>
    h(
      'select',
      { name },
      ...options.map(([v, label]) =>
        h('option', { value: v, selected: String(value) === v }, label),
      ),
    );

  const subject = h('input', {
    name: 'subject',
    value: init.subject ?? '',
    placeholder: '学科，如 数学',
    required: true,
  });
  const teacher = select(
    'teacherId',
    detail.teachers.map((t) => [t.id, `${t.name}（${schoolName(t.schoolId)}）`]),
    init.teacherId,
  );
  const core = select(
    'coreClassroomId',
    coreRooms.map((c) => [c.id, c.name]),
    init.coreClassroomId,
  );
  // Each member classroom, and optionally its 辅导教师 (a teacher of that school).
  const helperOf = new Map((init.memberTeachers ?? []).map((m) => [m.classroomId, m.teacherId]));
  const members = h(
    'fieldset',
    { class: 'members' },
    h('legend', {}, '听讲教室 · 辅导教师'),
    ...memberRooms.map((c) =>
      h(
        'div',
        { class: 'member' },
        h(
          'label',
          {},
          h('input', {
            type: 'checkbox',
            name: 'member',
            value: c.id,
            checked: (init.memberClassroomIds ?? []).includes(c.id),
          }),
          ` ${schoolName(c.schoolId)} ${c.name}`,
        ),
        select(
          `helper:${c.id}`,
          [
            ['', '辅导教师 未指定'],
            ...detail.teachers
              .filter((t) => t.schoolId === c.schoolId)
              .map((t): [string, string] => [t.id, t.name]),
          ],
          helperOf.get(c.id) ?? '',
        ),
      ),
    ),
  );
  const weekday = select(
    'weekday',
    [1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), weekdayNames[d]!]),
    init.weekday ?? 1,
  );
  // The core school's periods on the chosen weekday (a weekday may ring differently).
  const coreBell = detail.schools.find((s) => s.id === detail.community.coreSchoolId)?.bellSchedule;
  const periodOptions = (day: number): [string, string][] =>
    (coreBell ? periodsOnDay(coreBell, day) : []).map((p) => [
      String(p.n),
      `第${p.n}节 ${p.start}–${p.end}`,
    ]);
  const period = select('period', periodOptions(Number(weekday.value)), init.period ?? 1);
  weekday.addEventListener('change', () => {
    const kept = period.value;
    period.replaceChildren(
      ...periodOptions(Number(weekday.value)).map(([v, label]) =>
        h('option', { value: v, selected: v === kept }, label),
      ),
    );
  });
  const weeks = select('weeks', weeksOptions, init.weeks?.kind ?? 'every');
  const report = h('ul', { class: 'conflicts' });
  const status = h('p', { class: 'status' });

  const spec = (): SeriesSpec => {
    const memberClassroomIds = [...members.querySelectorAll<HTMLInputElement>('input:checked')].map(
      (i) => i.value,
    );
    const memberTeachers = memberClassroomIds.flatMap((classroomId) => {
      const picked = members.querySelector<HTMLSelectElement>(
        `select[name="helper:${classroomId}"]`,
      )?.value;
      return picked ? [{ classroomId, teacherId: picked }] : [];
    });
    return {
      subject: subject.value.trim(),
      teacherId: teacher.value,
      coreClassroomId: core.value,
      memberClassroomIds,
      ...(memberTeachers.length ? { memberTeachers } : {}),
      weekday: Number(weekday.value),
      period: Number(period.value),
      weeks: { kind: weeks.value } as Weeks,
    };
  };

  const showError = (e: unknown) => {
    report.replaceChildren(
      ...(e instanceof ApiError ? e.reasons : [String(e)]).map((r) =>
        h('li', { class: 'hard' }, r),
      ),
    );
  };

  async function recheck() {
    const s = spec();
    if (!s.subject || s.memberClassroomIds.length === 0) return;
    try {
      const { conflicts } = await api.check(detail.community.id, s, o.series?.id);
      report.replaceChildren(
        ...(conflicts.length
          ? conflicts.slice(0, 8).map((c) => h('li', { class: c.severity }, c.message))
          : [h('li', { class: 'ok' }, '没有冲突')]),
      );
    } catch (e) {
      showError(e);
    }
  }

  const form = h(
    'form',
    {
      class: 'lesson-form',
      onsubmit: (async (e: Event) => {
        e.preventDefault();
        status.textContent = '保存中…';
        try {
          const reply = o.series
            ? await api.updateSeries(detail.community.id, o.series, spec())
            : await api.createSeries(detail.community.id, spec());
          o.saved(reply.conflicts.filter((c) => c.severity === 'hard').length);
        } catch (err) {
          status.textContent = '';
          showError(err);
        }
      }) as EventListener,
      onchange: () => void recheck(),
    },
    h('h3', {}, o.series ? '修改同步课' : '新建同步课'),
    h('label', {}, '学科 ', subject),
    h('label', {}, '主讲教师 ', teacher),
    h('label', {}, '主讲教室 ', core),
    members,
    h('div', { class: 'row' }, weekday, period, weeks),
    report,
    status,
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'primary' }, '保存'),
      h('button', { type: 'button', onclick: () => o.close() }, '取消'),
    ),
  );
  void recheck();
  return form;
}
