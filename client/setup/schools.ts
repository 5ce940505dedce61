// 学校: the community's schools, core first, with their classrooms, teachers and bell; add a
// member school (its bell and term start as the core school's) or rename one. The bell
// schedule and term calendar are edited on the timetable page (作息与校历).
import type { School } from '../../shared/timetable/model';
import { h } from '../lib/dom';
import { act, type TabContext } from './classrooms';
import { button, input, table } from './ui';
import { budgetForm, budgetLabel } from './budgetForm';

function schoolForm(ctx: TabContext, template: School | undefined, school?: School) {
  const name = input('name', school?.name ?? '', { placeholder: '学校名称', required: true });
  const area = input('area', school?.area ?? '', { placeholder: '学区（可不填）' });
  const form = h(
    'form',
    { class: 'inline-form', 'data-form': school ? `school-${school.id}` : 'new-school' },
    name,
    area,
    h('button', { type: 'submit', class: 'primary', text: school ? '保存' : '添加成员校' }),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const base = school ?? template;
    if (!base) return;
    const { id: _id, area: _area, ...rest } = base;
    const fields = {
      ...rest,
      name: name.value.trim(),
      ...(area.value.trim() ? { area: area.value.trim() } : {}),
    };
    void act(
      ctx,
      school ? ctx.api.editSchool({ ...fields, id: school.id }) : ctx.api.addSchool(fields),
      `${fields.name} 已保存${school ? '' : '（作息与校历先沿用核心校的，请到“作息与校历”调整）'}`,
    );
  });
  return form;
}

export async function schoolsTab(ctx: TabContext, communityId: string, coreSchoolId?: string) {
  const budgets = await ctx.api.downlinkBudgets().catch(() => ({ schools: [], classrooms: [] }));
  const budgetOf = new Map(budgets.schools.map((b) => [b.id, b.downlinkKbps]));
  const core = ctx.dir.schools.find((s) => s.id === coreSchoolId);
  const editing = h('div', { class: 'editing' });
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
      h('td', { 'data-col': 'downlink', text: budgetLabel(budgetOf.get(s.id)) }),
      h(
        'td',
        {},
        button('改名', () => editing.replaceChildren(schoolForm(ctx, core, s))),
        button('带宽上限', () =>
          editing.replaceChildren(budgetForm(ctx, 'school', s, budgetOf.get(s.id))),
        ),
        h('a', {
          href: `/coordinator/?community=${encodeURIComponent(communityId)}`,
          text: '作息与校历',
        }),
      ),
    );
  });
  return h(
    'section',
    { class: 'tab', 'data-tab': 'schools' },
    core ? schoolForm(ctx, core) : null,
    editing,
    table(['学校', '', '教室', '教师', '作息', '下行带宽上限', ''], rows, '没有学校'),
  );
}
