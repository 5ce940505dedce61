// How a school's downlink budget is shared by its live classrooms, and a classroom's by
// its PCs: table by table.
import { describe, expect, it } from 'vitest';
import {
  shareBudgets,
  type BudgetSettings,
  type LiveReceiver,
} from '../../../server/live/budget/shareBudgets';

const pc = (
  peerId: string,
  classroomId: string,
  schoolId: string | undefined = 'A',
): LiveReceiver => ({ peerId, classroomId, schoolId });

const settings = (
  schools: Record<string, number>,
  classrooms: Record<string, number> = {},
): BudgetSettings => ({
  schools: new Map(Object.entries(schools)),
  classrooms: new Map(Object.entries(classrooms)),
});

describe('sharing a downlink budget', () => {
  it.each([
    ['no budget: nobody is capped', settings({}), [pc('p1', 'c1')], {}],
    [
      'one classroom takes its school’s budget',
      settings({ A: 2000 }),
      [pc('p1', 'c1')],
      { p1: 2000 },
    ],
    [
      'two live classrooms of the school share it evenly',
      settings({ A: 2000 }),
      [pc('p1', 'c1'), pc('p2', 'c2')],
      { p1: 1000, p2: 1000 },
    ],
    [
      'three: whole kbit/s, rounded down',
      settings({ A: 1000 }),
      [pc('p1', 'c1'), pc('p2', 'c2'), pc('p3', 'c3')],
      { p1: 333, p2: 333, p3: 333 },
    ],
    [
      'a classroom’s own budget alone',
      settings({}, { c1: 400 }),
      [pc('p1', 'c1'), pc('p2', 'c2')],
      { p1: 400 },
    ],
    [
      'a classroom’s own budget below its share: the rest goes to the others',
      settings({ A: 2000 }, { c1: 300 }),
      [pc('p1', 'c1'), pc('p2', 'c2'), pc('p3', 'c3')],
      { p1: 300, p2: 850, p3: 850 },
    ],
    [
      'a classroom’s own budget above its share: the share',
      settings({ A: 1000 }, { c1: 5000 }),
      [pc('p1', 'c1'), pc('p2', 'c2')],
      { p1: 500, p2: 500 },
    ],
    [
      'a classroom’s two PCs (projector and second screen) split its share',
      settings({ A: 1200 }),
      [pc('p1', 'c1'), pc('p1b', 'c1'), pc('p2', 'c2')],
      { p1: 300, p1b: 300, p2: 600 },
    ],
    [
      'another school’s classrooms are not counted',
      settings({ A: 1000 }),
      [pc('p1', 'c1'), pc('p2', 'c2', 'B')],
      { p1: 1000 },
    ],
    [
      'a classroom of no known school: its own budget only',
      settings({ A: 1000 }, { c9: 500 }),
      [
        { peerId: 'p9', classroomId: 'c9', schoolId: undefined },
        { peerId: 'p8', classroomId: 'c8', schoolId: undefined },
      ],
      { p9: 500 },
    ],
  ] as const)('%s', (_, s, live, want) => {
    expect(Object.fromEntries(shareBudgets(s, live))).toEqual(want);
  });

  it('a classroom leaving gives its share back to the others', () => {
    const s = settings({ A: 900 });
    const three = [pc('p1', 'c1'), pc('p2', 'c2'), pc('p3', 'c3')];
    expect(shareBudgets(s, three).get('p1')).toBe(300);
    expect(shareBudgets(s, three.slice(0, 2)).get('p1')).toBe(450);
  });
});
