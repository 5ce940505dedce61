// 学校: the community's schools, core first, with their classrooms, teachers and bell; the
// bell schedule and term calendar are edited on the timetable page (作息与校历).
import { h } from '../lib/dom';
import type { TabContext } from './classrooms';
import { table } from './ui';

export function schoolsTab(ctx: TabContext, communityId: string, coreSchoolId?: string) {
  const rows = ctx.dir.schools.map((s) => {
    const weekdays = (s.bellSchedule.byWeekday ?? []).map((d) => '一二三四五六日'[d.weekday - 1]);
    return h(
      'tr',
      { 'data-id': s.id },
      h('td', { text: s.name }),
      h('td', { text: s.id === coreSchoolId ? '核心校' : '成员校' }),
      h('td', { text: String(ctx.dir.classrooms.filter((c) => c.schoolId === s.id).length) }),
      h('td', { text: String(ctx.dir.teachers.filter((t) => t.schoolId === s.id).length) }),
      h('td', {
        text: `每天 ${s.bellSchedule.periods.length} 节${weekdays.length ? `，周${weekdays.join('、')}另排` : ''}`,
      }),
      h(
        'td',
        {},
        h('a', {
          href: `/coordinator/?community=${encodeURIComponent(communityId)}#term`,
          text: '作息与校历',
        }),
      ),
    );
  });
  return h(
    'section',
    { class: 'tab', 'data-tab': 'schools' },
    table(['学校', '', '教室', '教师', '作息', ''], rows, '没有学校'),
  );
}
