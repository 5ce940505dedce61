// 教师: the community's teachers with school, subjects, phone and account; add, edit, retire
// (her accounts are disabled) or restore one, and create her account.
import type { Teacher } from '../../shared/timetable/model';
import { h } from '../lib/dom';
import { act, type TabContext } from './classrooms';
import { accountForm } from './accounts';
import { button, cell, errorText, input, select, table } from './ui';

function teacherForm(ctx: TabContext, teacher?: Teacher): HTMLFormElement {
  const schools = ctx.dir.schools.map((s) => [s.id, s.name] as [string, string]);
  const school = select('schoolId', schools, teacher?.schoolId);
  const name = input('name', teacher?.name ?? '', { placeholder: '姓名', required: true });
  const subjects = input('subjects', teacher?.subjects.join('、') ?? '', {
    placeholder: '学科，如 数学、科学',
  });
  const phone = input('phone', teacher?.phone ?? '', { placeholder: '手机号', inputmode: 'tel' });
  const form = h(
    'form',
    { class: 'inline-form', 'data-form': teacher ? `teacher-${teacher.id}` : 'new-teacher' },
    school,
    name,
    subjects,
    phone,
    h('button', { type: 'submit', class: 'primary', text: teacher ? '保存' : '添加教师' }),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = {
      schoolId: school.value,
      name: name.value.trim(),
      subjects: subjects.value.split(/[,，、;；\s]+/).filter(Boolean),
      ...(phone.value.trim() ? { phone: phone.value.replace(/[\s-]/g, '') } : {}),
    };
    (teacher ? ctx.api.editTeacher(teacher.id, body) : ctx.api.addTeacher(body))
      .then(async () => {
        ctx.tell(`${body.name} 已保存 saved`);
        await ctx.refresh();
      })
      .catch((error: unknown) => ctx.tell(errorText(error), true));
  });
  return form;
}

export function teachersTab(ctx: TabContext): HTMLElement {
  const schoolName = new Map(ctx.dir.schools.map((s) => [s.id, s.name]));
  const editing = h('div', { class: 'editing' });
  const rows = ctx.dir.teachers.map((t) => {
    const account = ctx.dir.accounts.find((a) => a.teacherId === t.id);
    return h(
      'tr',
      { 'data-id': t.id, class: t.retiredAt ? 'retired' : undefined },
      cell(t.name),
      cell(schoolName.get(t.schoolId) ?? t.schoolId),
      cell(t.subjects.join('、')),
      cell(t.phone ?? ''),
      cell(account ? `${account.login}${account.disabledAt ? '（已停用）' : ''}` : '无'),
      cell(
        button('编辑', () => editing.replaceChildren(teacherForm(ctx, t))),
        t.retiredAt
          ? button('恢复', () =>
              act(
                ctx,
                ctx.api.retire('teacher', t.id, true),
                `${t.name} 已恢复（账号需在“账号”页启用）`,
              ),
            )
          : button('停用', () =>
              act(
                ctx,
                ctx.api.retire('teacher', t.id),
                `${t.name} 已停用，账号已停用（课表记录保留）`,
              ),
            ),
        account || t.retiredAt
          ? null
          : button('创建账号', () => editing.replaceChildren(accountForm(ctx, t))),
      ),
    );
  });
  return h(
    'section',
    { class: 'tab', 'data-tab': 'teachers' },
    teacherForm(ctx),
    editing,
    table(['姓名', '学校', '学科', '手机号', '账号', ''], rows, '没有教师 No teachers'),
  );
}
