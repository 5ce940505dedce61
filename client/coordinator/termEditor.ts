// Bell schedule (bellEditor.ts: day by day) and term calendar of one school: the term's days,
// holidays and make-up days, or start from the official holiday arrangement.
import type { School, TermCalendar } from '../../shared/timetable/model';
import { ApiError, type TimetableApi } from './api';
import { h } from './dom';
import { bellEditor } from './bellEditor';

export function termEditor(
  api: TimetableApi,
  communityId: string,
  school: School,
  saved: (msg: string) => void,
): HTMLElement {
  const out = h('p', { class: 'status' });
  const fail = (e: unknown) =>
    (out.textContent = e instanceof ApiError ? e.reasons.join('；') : String(e));

  const bell = bellEditor(api, communityId, school, saved);

  const c = school.calendar;
  const name = h('input', { name: 'name', value: c.name });
  const first = h('input', { type: 'date', name: 'firstDay', value: c.firstDay });
  const last = h('input', { type: 'date', name: 'lastDay', value: c.lastDay });
  const holidays = h('textarea', { name: 'holidays', rows: 3 }, c.holidays.join(' '));
  const makeUps = h(
    'textarea',
    { name: 'makeUpDays', rows: 2 },
    c.makeUpDays.map((m) => `${m.date}=${m.followsWeekday}`).join(' '),
  );
  const read = (): TermCalendar => ({
    name: name.value,
    firstDay: first.value,
    lastDay: last.value,
    holidays: holidays.value.split(/[\s,，]+/).filter(Boolean),
    makeUpDays: makeUps.value
      .split(/[\s,，]+/)
      .filter(Boolean)
      .map((x) => {
        const [date = '', weekday = '1'] = x.split('=');
        return { date, followsWeekday: Number(weekday) };
      }),
  });
  const calendar = h(
    'form',
    {
      class: 'calendar',
      onsubmit: (async (e: Event) => {
        e.preventDefault();
        try {
          await api.putCalendar(communityId, school.id, read());
          saved(`${school.name} 学期校历已保存`);
        } catch (err) {
          fail(err);
        }
      }) as EventListener,
    },
    h('h4', {}, '学期校历'),
    h('label', {}, '学期 ', name),
    h('div', { class: 'row' }, h('label', {}, '开学 ', first), h('label', {}, '结束 ', last)),
    h('label', {}, '放假日期', holidays),
    h('label', {}, '调休上课（日期=按星期几课表）', makeUps),
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        {
          type: 'button',
          onclick: async () => {
            try {
              const official = await api.officialCalendar(name.value, first.value, last.value);
              holidays.value = official.holidays.join(' ');
              makeUps.value = official.makeUpDays
                .map((m) => `${m.date}=${m.followsWeekday}`)
                .join(' ');
            } catch (err) {
              fail(err);
            }
          },
        },
        '按国家法定节假日生成',
      ),
      h('button', { type: 'submit', class: 'primary' }, '保存校历'),
    ),
  );
  return h('div', { class: 'term-editor' }, h('h3', {}, school.name), bell, calendar, out);
}
