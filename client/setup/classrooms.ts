// 教室: the community's classrooms with their school, room and classroom PC; add, edit,
// retire or restore one, and give its PC a one-time enrolment code.
import type { DirectoryReply } from '../../shared/setup';
import type { DeviceInfo } from '../../shared/auth';
import type { Classroom } from '../../shared/timetable/model';
import { h } from '../lib/dom';
import type { SetupApi } from './api';
import { button, cell, errorText, input, select, table } from './ui';
import { budgetForm, budgetLabel } from './budgetForm';

export interface TabContext {
  api: SetupApi;
  dir: DirectoryReply;
  refresh: () => Promise<void>;
  tell: (message: string, bad?: boolean) => void;
}

function pcState(devices: DeviceInfo[], id: string): string {
  const working = devices.filter((d) => d.classroomId === id && d.revokedAt === undefined);
  return working.length ? `已注册 ${working.length} 台` : '未注册';
}

function classroomForm(ctx: TabContext, room?: Classroom): HTMLFormElement {
  const schools = ctx.dir.schools.map((s) => [s.id, s.name] as [string, string]);
  const school = select('schoolId', schools, room?.schoolId);
  const name = input('name', room?.name ?? '', {
    placeholder: '班级/教室，如 三(1)班',
    required: true,
  });
  const where = input('room', room?.room ?? '', { placeholder: '位置，如 教学楼二楼 201' });
  const form = h(
    'form',
    { class: 'inline-form', 'data-form': room ? `classroom-${room.id}` : 'new-classroom' },
    school,
    name,
    where,
    h('button', { type: 'submit', class: 'primary', text: room ? '保存' : '添加教室' }),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = {
      schoolId: school.value,
      name: name.value.trim(),
      ...(where.value.trim() ? { room: where.value.trim() } : {}),
    };
    (room ? ctx.api.editClassroom(room.id, body) : ctx.api.addClassroom(body))
      .then(async () => {
        ctx.tell(`${body.name} 已保存 saved`);
        await ctx.refresh();
      })
      .catch((error: unknown) => ctx.tell(errorText(error), true));
  });
  return form;
}

export async function classroomsTab(ctx: TabContext): Promise<HTMLElement> {
  const [devices, budgets] = await Promise.all([
    ctx.api.devices().catch(() => [] as DeviceInfo[]),
    ctx.api.downlinkBudgets().catch(() => ({ schools: [], classrooms: [] })),
  ]);
  const budgetOf = new Map(budgets.classrooms.map((b) => [b.id, b.downlinkKbps]));
  const schoolName = new Map(ctx.dir.schools.map((s) => [s.id, s.name]));
  const editing = h('div', { class: 'editing' });
  const rows = ctx.dir.classrooms.map((c) =>
    h(
      'tr',
      { 'data-id': c.id, class: c.retiredAt ? 'retired' : undefined },
      cell(c.name),
      cell(schoolName.get(c.schoolId) ?? c.schoolId),
      cell(c.room ?? ''),
      cell(pcState(devices, c.id)),
      h('td', { 'data-col': 'downlink', text: budgetLabel(budgetOf.get(c.id)) }),
      cell(
        button('编辑', () => editing.replaceChildren(classroomForm(ctx, c))),
        button('带宽上限', () =>
          editing.replaceChildren(budgetForm(ctx, 'classroom', c, budgetOf.get(c.id))),
        ),
        c.retiredAt
          ? button('恢复', () =>
              act(ctx, ctx.api.retire('classroom', c.id, true), `${c.name} 已恢复`),
            )
          : button('停用', () =>
              act(ctx, ctx.api.retire('classroom', c.id), `${c.name} 已停用（课表记录保留）`),
            ),
        button('电脑注册码', async () => {
          try {
            const { code, expiresAt } = await ctx.api.enrolment(c.id);
            ctx.tell(
              `${c.name} 的教室电脑注册码：${code}（${new Date(expiresAt).toLocaleString('zh-CN')} 前有效，用一次）`,
            );
          } catch (error) {
            ctx.tell(errorText(error), true);
          }
        }),
      ),
    ),
  );
  return h(
    'section',
    { class: 'tab', 'data-tab': 'classrooms' },
    classroomForm(ctx),
    editing,
    table(
      ['班级/教室', '学校', '位置', '教室电脑', '下行带宽上限', ''],
      rows,
      '没有教室 No classrooms',
    ),
  );
}

export async function act(ctx: TabContext, done: Promise<unknown>, message: string) {
  try {
    await done;
    ctx.tell(message);
    await ctx.refresh();
  } catch (error) {
    ctx.tell(errorText(error), true);
  }
}
