// 下行带宽上限: a school's (or one classroom's) downlink budget on the set-up screen — what
// the server sends it at most, for a school on a metered or shared line. Shown in the
// schools' and classrooms' tables; set, or lifted (不限), in a small inline form.
import type { DownlinkTarget } from '../../shared/downlinkBudget';
import { DOWNLINK_KBPS_MAX, DOWNLINK_KBPS_MIN } from '../../shared/downlinkBudget';
import { h } from '../lib/dom';
import { act, type TabContext } from './classrooms';
import { button, input } from './ui';

/** What the tables show: the budget, or 不限 (none). */
export function budgetLabel(kbps: number | undefined): string {
  return kbps === undefined ? '不限' : `${kbps} kbit/s`;
}

const hint: Record<DownlinkTarget, string> = {
  school: '同时上课的本校教室平分此上限',
  classroom: '在学校上限之内，本教室最多用这么多',
};

export function budgetForm(
  ctx: TabContext,
  target: DownlinkTarget,
  record: { id: string; name: string },
  current: number | undefined,
): HTMLFormElement {
  const kbps = input('downlinkKbps', current === undefined ? '' : String(current), {
    type: 'number',
    min: String(DOWNLINK_KBPS_MIN),
    max: String(DOWNLINK_KBPS_MAX),
    step: '1',
    placeholder: '不限',
    'aria-label': `${record.name} 下行带宽上限 kbit/s`,
  });
  const save = (value: number | null) =>
    act(
      ctx,
      ctx.api.setDownlinkBudget(target, record.id, value),
      `${record.name} 的下行带宽上限：${budgetLabel(value ?? undefined)}（上课中几秒内生效）`,
    );
  const form = h(
    'form',
    { class: 'inline-form', 'data-form': `budget-${target}-${record.id}` },
    h('span', { text: `${record.name} 下行带宽上限` }),
    kbps,
    h('span', { text: 'kbit/s' }),
    h('button', { type: 'submit', class: 'primary', text: '保存' }),
    button('不限', () => save(null)),
    h('small', {
      class: 'hint',
      text: `${hint[target]}；${DOWNLINK_KBPS_MIN}–${DOWNLINK_KBPS_MAX}`,
    }),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = kbps.value.trim();
    void save(text === '' ? null : Number(text));
  });
  return form;
}
