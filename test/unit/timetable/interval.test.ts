import { describe, expect, it } from 'vitest';
import {
  IntervalList,
  intersect,
  merge,
  overlapLength,
  overlaps,
  subtract,
} from '../../../server/timetable/interval';

describe('interval algebra', () => {
  it('treats intervals as half-open: touching is not overlapping', () => {
    expect(overlaps({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(false);
    expect(overlaps({ start: 0, end: 10 }, { start: 9, end: 20 })).toBe(true);
    expect(intersect({ start: 0, end: 10 }, { start: 10, end: 20 })).toBeUndefined();
    expect(intersect({ start: 0, end: 10 }, { start: 5, end: 20 })).toEqual({ start: 5, end: 10 });
    expect(overlapLength({ start: 0, end: 10 }, { start: 5, end: 20 })).toBe(5);
  });

  it('subtracts into zero, one or two pieces', () => {
    expect(subtract({ start: 0, end: 10 }, { start: 3, end: 5 })).toEqual([
      { start: 0, end: 3 },
      { start: 5, end: 10 },
    ]);
    expect(subtract({ start: 0, end: 10 }, { start: 0, end: 20 })).toEqual([]);
    expect(subtract({ start: 0, end: 10 }, { start: 20, end: 30 })).toEqual([
      { start: 0, end: 10 },
    ]);
  });

  it('merges overlapping and touching intervals', () => {
    expect(
      merge([
        { start: 5, end: 8 },
        { start: 0, end: 3 },
        { start: 3, end: 4 },
        { start: 7, end: 9 },
      ]),
    ).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 9 },
    ]);
  });

  it('finds every overlapping interval in an unsorted list', () => {
    const list = new IntervalList<{ start: number; end: number; id: string }>();
    list.add({ start: 100, end: 140, id: 'c' });
    list.add({ start: 0, end: 40, id: 'a' });
    list.add({ start: 50, end: 90, id: 'b' });
    list.add({ start: 30, end: 200, id: 'long' });
    expect(
      list
        .overlapping({ start: 85, end: 105 })
        .map((x) => x.id)
        .sort(),
    ).toEqual(['b', 'c', 'long']);
    expect(list.overlapping({ start: 40, end: 50 }).map((x) => x.id)).toEqual(['long']);
  });
});
