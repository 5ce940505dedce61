import { describe, expect, it } from 'vitest';
import { memberSlot } from '../../../server/timetable/memberClock';
import { bell } from './support/world';

const at = (start: string, end: string) => ({
  start: Number(start.slice(0, 2)) * 60 + Number(start.slice(3)),
  end: Number(end.slice(0, 2)) * 60 + Number(end.slice(3)),
});

describe("a core slot on a member school's own clock", () => {
  const junior = bell('08:05', 45); // 08:05–08:50, 09:00–09:45, 09:55–10:40 …

  it('maps to the member period it overlaps most', () => {
    expect(memberSlot(at('08:50', '09:30'), bell('08:05', 40), 2)).toEqual({
      period: 2,
      overlap: 35 / 40,
      fits: true,
    });
  });

  it('does not fit when too little of the lesson is inside one period', () => {
    const s = memberSlot(at('09:35', '10:15'), junior, 2);
    expect(s.period).toBe(3);
    expect(s.overlap).toBeCloseTo(20 / 40);
    expect(s.fits).toBe(false);
  });

  it('has no period at all during the lunch break', () => {
    expect(memberSlot(at('12:00', '12:40'), junior, 2)).toEqual({
      period: null,
      overlap: 0,
      fits: false,
    });
  });

  it('honours a stricter threshold and a weekday with its own bell', () => {
    expect(memberSlot(at('08:50', '09:30'), bell('08:05', 40), 2, 0.9).fits).toBe(false);
    const friday = {
      ...junior,
      byWeekday: [{ weekday: 5, periods: [{ n: 1, start: '08:50', end: '09:30' }] }],
    };
    expect(memberSlot(at('08:50', '09:30'), friday, 5)).toEqual({
      period: 1,
      overlap: 1,
      fits: true,
    });
  });
});
