// 批量导入: the school office's spreadsheet (学校, 班级/教室, 教师, 学科, 手机号) uploaded as it
// is; a refusal lists every problem by row and column and nothing is written.
import type { PeopleImportReply, SheetProblem } from '../../shared/setup';
import { h } from '../lib/dom';
import { SetupError } from './api';
import type { TabContext } from './classrooms';
import { button, errorText, table } from './ui';

function problemsTable(problems: SheetProblem[]): HTMLElement {
  const rows = problems.map((p) =>
    h(
      'tr',
      {},
      h('td', { text: `第 ${p.line} 行` }),
      h('td', { text: p.column ? `${p.column} 列` : '' }),
      h('td', { text: p.field ?? '' }),
      h('td', { text: p.reason }),
    ),
  );
  return h(
    'div',
    { class: 'import-problems', role: 'alert' },
    h('h3', { text: `有 ${problems.length} 处问题，未导入任何记录。改好后重新上传整份文件。` }),
    table(['行', '列', '字段', '问题'], rows, ''),
  );
}

function doneNote(reply: PeopleImportReply): HTMLElement {
  return h('p', {
    class: 'import-done',
    role: 'status',
    text: `已导入 ${reply.rows} 行：新增教室 ${reply.classroomsCreated.length} 间，新增教师 ${reply.teachersCreated.length} 位，更新教师 ${reply.teachersUpdated.length} 位`,
  });
}

async function save(ctx: TabContext, format: 'xlsx' | 'csv') {
  try {
    const blob = await ctx.api.template(format);
    const a = h('a', { href: URL.createObjectURL(blob), download: `教师与教室导入模板.${format}` });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  } catch (error) {
    ctx.tell(errorText(error), true);
  }
}

export function importTab(ctx: TabContext): HTMLElement {
  const file = h('input', { type: 'file', name: 'file', accept: '.xlsx,.csv' });
  const result = h('div', { class: 'import-result' });
  const form = h(
    'form',
    { class: 'inline-form', 'data-form': 'import' },
    file,
    h('button', { type: 'submit', class: 'primary', text: '上传并导入' }),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return ctx.tell('请选择 XLSX 或 CSV 文件', true);
    result.replaceChildren(h('p', { text: '正在检查… Checking…' }));
    ctx.api
      .importFile(chosen)
      .then(async (reply) => {
        await ctx.refresh();
        document.querySelector('.import-result')?.replaceChildren(doneNote(reply));
      })
      .catch((error: unknown) => {
        const problems = error instanceof SetupError ? error.problems : [];
        result.replaceChildren(
          problems.length
            ? problemsTable(problems)
            : h('p', { class: 'error', text: errorText(error) }),
        );
      });
  });
  return h(
    'section',
    { class: 'tab', 'data-tab': 'import' },
    h(
      'p',
      {},
      '用学校办公室现有的表格导入教室和教师：列为 学校、班级/教室、教师、学科、手机号（列名也可写 班级、教室、姓名、任教学科、手机）。学校须是本共同体的学校；整份文件没有问题才会导入，有问题时一行也不写入。',
    ),
    h(
      'div',
      { class: 'row' },
      button('下载模板 XLSX', () => save(ctx, 'xlsx')),
      button('下载模板 CSV', () => save(ctx, 'csv')),
    ),
    form,
    result,
  );
}
