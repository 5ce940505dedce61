// 账号: the community's logins; create one with a one-time password or an invitation link,
// reset a password (every session of the account ends at once), disable or enable.
import type { AccountIssued, Delivery } from '../../shared/setup';
import type { Teacher } from '../../shared/timetable/model';
import { h } from '../lib/dom';
import { act, type TabContext } from './classrooms';
import { button, cell, errorText, input, select, table } from './ui';

const roleNames = {
  coordinator: '协调员/教务',
  teacher: '教师',
  observer: '观察员',
  school_office: '学校教务',
} as const;

/** What to hand over, shown once: the password, or the invitation link to send. */
export function issuedNote(issued: AccountIssued): HTMLElement {
  const { account, password, invitation } = issued;
  const text = password
    ? `${account.name}（${account.login}）的一次性密码：${password} — 只显示这一次，请当面交给本人并提醒修改`
    : `${account.name}（${account.login}）的邀请链接（7 天内有效，用一次）：${location.origin}${invitation!.path}#invite=${invitation!.code}`;
  return h('p', { class: 'issued', 'data-issued': account.login, text });
}

export function accountForm(ctx: TabContext, teacher?: Teacher): HTMLFormElement {
  const login = input('login', teacher?.phone ?? '', {
    placeholder: '登录名（字母、数字或手机号）',
    required: true,
  });
  const name = input('name', teacher?.name ?? '', { placeholder: '姓名', required: true });
  const role = select(
    'role',
    Object.entries(roleNames) as [string, string][],
    teacher ? 'teacher' : 'coordinator',
  );
  const teachers = select(
    'teacherId',
    [['', '（不对应教师）'], ...ctx.dir.teachers.map((t) => [t.id, t.name] as [string, string])],
    teacher?.id ?? '',
  );
  // A school office (学校教务) acts for one school: the one chosen here.
  const schools = select(
    'schoolId',
    [['', '（不对应学校）'], ...ctx.dir.schools.map((s) => [s.id, s.name] as [string, string])],
    '',
  );
  // offered only for a school office: no other account names a school
  const showSchool = () => {
    schools.hidden = role.value !== 'school_office';
  };
  role.addEventListener('change', showSchool);
  showSchool();
  const delivery = select('delivery', [
    ['password', '一次性密码'],
    ['invitation', '邀请链接'],
  ]);
  const out = h('div', { class: 'issued-box' });
  const form = h(
    'form',
    { class: 'inline-form', 'data-form': 'new-account' },
    login,
    name,
    role,
    teachers,
    schools,
    delivery,
    h('button', { type: 'submit', class: 'primary', text: '创建账号' }),
    out,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.api
      .addAccount({
        login: login.value.trim(),
        name: name.value.trim(),
        role: role.value as keyof typeof roleNames,
        ...(teachers.value ? { teacherId: teachers.value } : {}),
        ...(role.value === 'school_office' && schools.value ? { schoolId: schools.value } : {}),
        delivery: delivery.value as Delivery,
      })
      .then(async (issued) => {
        await ctx.refresh();
        ctx.tell('账号已创建 Account created');
        document.querySelector('.editing')?.replaceChildren(issuedNote(issued));
      })
      .catch((error: unknown) => ctx.tell(errorText(error), true));
  });
  return form;
}

export function accountsTab(ctx: TabContext): HTMLElement {
  const teacherName = new Map(ctx.dir.teachers.map((t) => [t.id, t.name]));
  const schoolName = new Map(ctx.dir.schools.map((s) => [s.id, s.name]));
  const editing = h('div', { class: 'editing' });
  const reset = async (id: string, delivery: Delivery) => {
    try {
      const issued = await ctx.api.resetAccount(id, delivery);
      ctx.tell('密码已重置，原有登录已全部失效 Reset: every session of the account ended');
      editing.replaceChildren(issuedNote(issued));
    } catch (error) {
      ctx.tell(errorText(error), true);
    }
  };
  const rows = ctx.dir.accounts.map((a) =>
    h(
      'tr',
      { 'data-id': a.login, class: a.disabledAt ? 'retired' : undefined },
      cell(a.login),
      cell(a.name),
      cell(a.role === 'district' ? '区县教育局' : roleNames[a.role]),
      cell(
        a.teacherId
          ? (teacherName.get(a.teacherId) ?? a.teacherId)
          : a.schoolId
            ? (schoolName.get(a.schoolId) ?? a.schoolId)
            : '',
      ),
      cell(a.disabledAt ? '已停用' : '正常'),
      cell(
        button('重置为一次性密码', () => reset(a.id, 'password')),
        button('发送邀请链接', () => reset(a.id, 'invitation')),
        a.disabledAt
          ? button('启用', () => act(ctx, ctx.api.setDisabled(a, false), `${a.login} 已启用`))
          : button('停用', () =>
              act(ctx, ctx.api.setDisabled(a, true), `${a.login} 已停用，登录已全部结束`),
            ),
      ),
    ),
  );
  return h(
    'section',
    { class: 'tab', 'data-tab': 'accounts' },
    accountForm(ctx),
    editing,
    table(['登录名', '姓名', '角色', '对应教师/学校', '状态', ''], rows, '没有账号 No accounts'),
  );
}
