import { describe, expect, it } from 'vitest';
import { tryoutCommunity, tryoutSlot, withPeriod } from '../../../server/demo/tryout';
import { bellScheduleProblems, periodOf } from '../../../server/timetable/bellSchedule';
import { calendarProblems, dayOf } from '../../../server/timetable/calendar';
import { demoBell } from '../../../server/demo/demoData';

const zone = 'Asia/Shanghai';
const lead = 5 * 60_000;
const at = (iso: string) => Date.parse(iso);

describe("the newcomer's demo lesson", () => {
  it('starts so that its room opens three to eight minutes after start, on a five-minute mark', () => {
    expect(tryoutSlot(at('2026-12-01T09:12:00+08:00'), zone, lead)).toEqual({
      date: '2026-12-01',
      start: 9 * 60 + 20,
      end: 10 * 60,
    });
    expect(tryoutSlot(at('2026-12-01T09:15:00+08:00'), zone, lead).start).toBe(9 * 60 + 25);
    // too late for a 40-minute lesson today: tomorrow morning
    expect(tryoutSlot(at('2026-12-01T23:30:00+08:00'), zone, lead)).toEqual({
      date: '2026-12-02',
      start: 480,
      end: 520,
    });
  });

  it('puts the demo period into the day, taking out what it overlaps', () => {
    const { periods } = demoBell(false, 0); // 08:00–08:40, 08:50–09:30, 09:40–10:20 …
    const day = withPeriod(periods, 9 * 60 + 20, 10 * 60);
    expect(day.n).toBe(8);
    expect(day.periods.map((p) => `${p.n} ${p.start}`)).toEqual([
      '1 08:00',
      '8 09:20',
      '4 10:30',
      '5 14:00',
      '6 14:50',
      '7 15:40',
    ]);
    expect(
      bellScheduleProblems({ periods, byWeekday: [{ weekday: 2, periods: day.periods }] }),
    ).toEqual([]);
  });

  it('is a valid community with a published-ready lesson on a weekday, a weekend and a holiday', () => {
    for (const [iso, weekday] of [
      ['2026-12-01T10:03:00+08:00', 2], // a Tuesday
      ['2026-12-05T15:00:00+08:00', 1], // a Saturday: taught as a 调休 Monday
      ['2026-10-01T09:00:00+08:00', 4], // 国庆节, a holiday: the demo schools teach
      ['2027-03-01T09:00:00+08:00', 1], // after the term: the term is stretched
    ] as const) {
      const t = tryoutCommunity(at(iso), zone, lead, '瑞安市');
      expect(t.series.spec.weekday, iso).toBe(weekday);
      for (const school of t.schools) {
        expect(bellScheduleProblems(school.bellSchedule), iso).toEqual([]);
        expect(calendarProblems(school.calendar), iso).toEqual([]);
        const day = dayOf(school.calendar, t.lesson.date);
        expect(day.kind === 'teaching' && day.followsWeekday, iso).toBe(weekday);
        const period = periodOf(school.bellSchedule, weekday, t.series.spec.period);
        expect(period, iso).toEqual({ n: 8, start: t.lesson.start, end: t.lesson.end });
      }
    }
  });
});
