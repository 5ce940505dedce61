// 捆绑考核报表: the district's communities with totals for a range (the term by default),
// drill-down to a community, a school and one lesson, charts, print and XLSX export.
// The page follows the hash (#/community/<id>, #/community/<id>/school/<id>, #/lesson/<id>).
import type { ReportQuery } from '../../shared/evaluation';
import { $, h } from '../lib/dom';
import { loginForm } from '../lib/loginForm';
import { HttpError, session } from '../lib/session';
import { reportApi } from './api';
import { communityView, districtView, lessonView, schoolView } from './views';

const bar = $('#bar');
const app = $('#app');
const range: ReportQuery = {};

function rangeBar(): HTMLElement {
  const from = h('input', { type: 'date', name: 'from', value: range.from });
  const to = h('input', { type: 'date', name: 'to', value: range.to });
  const apply = h('button', { type: 'submit', class: 'primary', text: '查询 Show' });
  const term = h('button', { type: 'button', name: 'term', text: '本学期 This term' });
  const exportButton = h('button', { type: 'button', name: 'export', text: '导出 XLSX' });
  const print = h('button', { type: 'button', name: 'print', text: '打印 Print' });
  const form = h(
    'form',
    { class: 'range-bar' },
    h('strong', { text: '同课 · 捆绑考核' }),
    h('label', {}, '从 ', from),
    h('label', {}, '至 ', to),
    apply,
    term,
    exportButton,
    print,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    range.from = from.value || undefined;
    range.to = to.value || undefined;
    void show();
  });
  term.addEventListener('click', () => {
    delete range.from;
    delete range.to;
    from.value = '';
    to.value = '';
    void show();
  });
  print.addEventListener('click', () => window.print());
  exportButton.addEventListener('click', () => {
    const community = /^#\/community\/([^/]+)/.exec(location.hash)?.[1];
    const path = community ? `communities/${community}/export.xlsx` : 'district/export.xlsx';
    reportApi.download(path, range, '同步课堂捆绑考核.xlsx').catch((error: Error) => {
      app.prepend(h('p', { class: 'error', text: error.message }));
    });
  });
  return form;
}

async function page(): Promise<HTMLElement> {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'community' && parts[1] && parts[2] === 'school' && parts[3])
    return schoolView(await reportApi.school(parts[1], parts[3], range));
  if (parts[0] === 'community' && parts[1])
    return communityView(await reportApi.community(parts[1], range));
  if (parts[0] === 'lesson' && parts[1]) return lessonView(await reportApi.lesson(parts[1]));
  return districtView(await reportApi.district(range));
}

let shown = 0;
async function show(): Promise<void> {
  const mine = ++shown;
  app.setAttribute('aria-busy', 'true');
  try {
    const view = await page();
    if (mine !== shown) return; // a later navigation won
    app.replaceChildren(view);
    const r = view.querySelector('.range')?.textContent;
    if (r) document.title = `同课 · 捆绑考核 · ${r}`;
  } catch (error) {
    if (error instanceof HttpError && error.status === 401) {
      session.clear();
      return void main();
    }
    app.replaceChildren(
      h('p', { class: 'error', text: `无法读取报表 Could not load: ${(error as Error).message}` }),
    );
  } finally {
    if (mine === shown) app.removeAttribute('aria-busy');
  }
}

async function main(): Promise<void> {
  if (!session.token) {
    const form = loginForm('同课 · 捆绑考核 District report');
    bar.replaceChildren();
    app.replaceChildren(form.element);
    await form.signedIn;
  }
  bar.replaceChildren(rangeBar());
  window.onhashchange = () => void show();
  await show();
}

void main();
