// A school's bell schedule, day by day: the ordinary day, and each weekday that rings
// differently (its own periods on top of the ordinary day: a Monday assembly, a short Friday
// afternoon, an extra period). Add, remove and move periods; the server checks the whole.
import type { BellSchedule, Period, School } from '../../shared/timetable/model';
import { nextPeriod, ownDay, periodsOnDay, withDay } from '../../shared/timetable/bellEdit';
import { ApiError, type TimetableApi } from './api';
import { h, weekdayNames } from './dom';

export function bellEditor(
  api: TimetableApi,
  communityId: string,
  school: School,
  saved: (msg: string) => void,
): HTMLElement {
  let schedule: BellSchedule = school.bellSchedule;
  let day = 0; // 0 = the ordinary day
  const out = h('p', { class: 'status' });
  const tabs = h('div', { class: 'bell-days row' });
  const rows = h('tbody', {});
  const own = h('input', { type: 'checkbox', name: 'ownDay' });
  const ownLabel = h('label', { class: 'own-day' }, own, ' 这一天单独排节次');

  /** The periods as the table shows them now. */
  const read = (): Period[] =>
    [...rows.querySelectorAll('tr')].map((tr) => ({
      n: Number(tr.querySelector<HTMLInputElement>('[name=n]')!.value),
      start: tr.querySelector<HTMLInputElement>('[name=start]')!.value,
      end: tr.querySelector<HTMLInputElement>('[name=end]')!.value,
    }));
  /** Keeps what the table holds before switching days or saving. */
  const keep = () => {
    if (day === 0) schedule = withDay(schedule, 0, read());
    else if (own.checked) schedule = withDay(schedule, day, read());
  };

  const row = (p: Period, editable: boolean) => {
    const remove = h('button', { type: 'button', class: 'remove', title: '删除这一节' }, '删除');
    remove.addEventListener('click', () => {
      tr.remove();
      keep();
    });
    const tr = h(
      'tr',
      {},
      h(
        'td',
        { title: '第几节' },
        h('input', { type: 'number', name: 'n', min: 1, max: 20, value: p.n, disabled: !editable }),
      ),
      h('td', {}, h('input', { type: 'time', value: p.start, name: 'start', disabled: !editable })),
      h('td', {}, h('input', { type: 'time', value: p.end, name: 'end', disabled: !editable })),
      h('td', {}, editable ? remove : ''),
    );
    return tr;
  };

  const add = h('button', { type: 'button', name: 'addPeriod' }, '加一节');
  add.addEventListener('click', () => {
    const periods = read();
    rows.append(row(nextPeriod(periods), true));
    keep();
  });

  function show() {
    const editable = day === 0 || ownDay(schedule, day);
    own.checked = day > 0 && ownDay(schedule, day);
    ownLabel.hidden = day === 0;
    add.disabled = !editable;
    rows.replaceChildren(...periodsOnDay(schedule, day).map((p) => row(p, editable)));
    tabs.replaceChildren(
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((d) => {
        const b = h(
          'button',
          {
            type: 'button',
            class: d === day ? 'primary' : ownDay(schedule, d) ? 'own' : '',
            'data-day': d,
          },
          d === 0 ? '平日' : `${weekdayNames[d]}${ownDay(schedule, d) ? '*' : ''}`,
        );
        b.addEventListener('click', () => {
          keep();
          day = d;
          show();
        });
        return b;
      }),
    );
  }

  own.addEventListener('change', () => {
    // On: the day starts as a copy of the ordinary day; off: it rings like the others again.
    schedule = withDay(schedule, day, own.checked ? [...schedule.periods] : undefined);
    if (own.checked && !ownDay(schedule, day))
      schedule = {
        ...schedule,
        byWeekday: [
          ...(schedule.byWeekday ?? []),
          { weekday: day, periods: [...schedule.periods] },
        ],
      };
    show();
  });

  const form = h(
    'form',
    {
      class: 'bell',
      onsubmit: (async (e: Event) => {
        e.preventDefault();
        keep();
        try {
          await api.putBellSchedule(communityId, school.id, schedule);
          out.textContent = '';
          saved(`${school.name} 作息时间已保存`);
        } catch (err) {
          out.textContent = err instanceof ApiError ? err.reasons.join('；') : String(err);
        }
      }) as EventListener,
    },
    h('h4', {}, '作息时间（节次）'),
    h(
      'p',
      { class: 'hint' },
      '平日的节次适用于每一天；某一天不同（周一升旗、周五下午短课、加课）时，选中那一天并勾选“单独排节次”。带 * 的是单独排的日子。',
    ),
    tabs,
    ownLabel,
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, '节次'), h('th', {}, '开始'), h('th', {}, '结束'), h('th', {}, '')),
      ),
      rows,
    ),
    h('div', { class: 'row' }, add, h('button', { type: 'submit', class: 'primary' }, '保存作息')),
    out,
  );
  show();
  return form;
}
