// 设置 · the people of a community: its schools, classrooms (with their room and PC),
// teachers and their accounts — list, search, add, edit, retire — and the bulk import of a
// school office's spreadsheet. Hand-written DOM with the small helpers the other screens use
// (docs/setup.md says why). The tab follows the hash (#classrooms, #teachers, …).
import type { DirectoryReply } from '../../shared/setup';
import { $, h } from '../lib/dom';
import { loginForm } from '../lib/loginForm';
import { session } from '../lib/session';
import { SetupError, setupApi } from './api';
import { classroomsTab, type TabContext } from './classrooms';
import { teachersTab } from './teachers';
import { accountsTab } from './accounts';
import { importTab } from './importPanel';
import { schoolsTab } from './schools';

const tabs = {
  schools: '学校',
  classrooms: '教室',
  teachers: '教师',
  accounts: '账号',
  import: '批量导入',
} as const;
type Tab = keyof typeof tabs;

const bar = $('#bar');
const app = $('#app');
const notice = $('#notice');
const state = { q: '', retired: false };

function tell(message: string, bad = false) {
  notice.hidden = !message;
  notice.textContent = message;
  notice.className = bad ? 'notice bad' : 'notice';
}

const currentTab = (): Tab => {
  const t = location.hash.replace(/^#/, '');
  return t in tabs ? (t as Tab) : 'teachers';
};

async function run(communityId: string, communityIds: string[]) {
  const api = setupApi(communityId);
  let dir: DirectoryReply;
  const search = h('input', {
    type: 'search',
    name: 'q',
    placeholder: '搜索 姓名、学科、手机号、教室、登录名',
  });
  const retired = h('input', { type: 'checkbox', name: 'retired' });
  const picker = h(
    'select',
    { name: 'community' },
    ...communityIds.map((id) => h('option', { value: id, text: id })),
  );
  picker.value = communityId;
  picker.addEventListener('change', () => {
    location.search = `?community=${encodeURIComponent(picker.value)}`;
  });
  const nav = h(
    'nav',
    { class: 'tabs' },
    ...(Object.entries(tabs) as [Tab, string][]).map(([id, label]) =>
      h('a', { href: `#${id}`, 'data-tab-link': id, text: label }),
    ),
  );
  bar.replaceChildren(
    h('strong', { text: '同课 · 设置' }),
    picker,
    nav,
    search,
    h('label', {}, retired, ' 含已停用'),
    h('a', {
      href: `/coordinator/?community=${encodeURIComponent(communityId)}`,
      text: '一张表 →',
    }),
  );

  const render = async () => {
    const tab = currentTab();
    for (const a of nav.querySelectorAll('a'))
      a.classList.toggle('active', a.dataset.tabLink === tab);
    const ctx: TabContext = { api, dir, refresh, tell };
    const community = dir.schools[0]?.id; // the core school comes first
    const view =
      tab === 'classrooms'
        ? await classroomsTab(ctx)
        : tab === 'teachers'
          ? teachersTab(ctx)
          : tab === 'accounts'
            ? accountsTab(ctx)
            : tab === 'import'
              ? importTab(ctx)
              : await schoolsTab(ctx, communityId, community);
    app.replaceChildren(view);
  };
  async function refresh() {
    dir = await api.directory(state.q, state.retired);
    await render();
  }
  let typing: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.q = search.value;
      void refresh();
    }, 250);
  });
  retired.addEventListener('change', () => {
    state.retired = retired.checked;
    void refresh();
  });
  window.onhashchange = () => {
    tell('');
    void render();
  };
  await refresh();
}

async function main(): Promise<void> {
  try {
    if (!session.token) {
      const form = loginForm('同课 · 设置 Set-up');
      app.replaceChildren(form.element);
      await form.signedIn;
    }
    const me = await fetch('/api/auth/me', {
      headers: { authorization: `Bearer ${session.token ?? ''}` },
    });
    if (!me.ok) {
      session.clear();
      return void main();
    }
    const principal = (await me.json()) as { role: string; communityIds: string[] };
    if (principal.role !== 'coordinator') {
      app.replaceChildren(
        h('p', { class: 'error', text: '只有协调员和教务可以设置 Coordinators only' }),
      );
      return;
    }
    const wanted = new URLSearchParams(location.search).get('community');
    const communityId =
      wanted && principal.communityIds.includes(wanted) ? wanted : principal.communityIds[0];
    if (!communityId) return void app.replaceChildren(h('p', { text: '没有可设置的共同体' }));
    await run(communityId, principal.communityIds);
  } catch (error) {
    if (error instanceof SetupError && error.status === 401) {
      session.clear();
      return void main();
    }
    tell(`无法读取 Could not load: ${(error as Error).message}`, true);
  }
}

void main();
