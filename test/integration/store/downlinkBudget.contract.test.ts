// Schools' and classrooms' downlink budgets on both stores: none until set, a second put
// replaces the first, cleared is gone, a school and a classroom of the same id are apart.
import { describe, expect, it } from 'vitest';
import type { DownlinkBudget } from '../../../shared/downlinkBudget';
import { backends, useStore } from '../lessons/support/backends';

const budget = (over: Partial<DownlinkBudget> = {}): DownlinkBudget => ({
  target: 'school',
  id: 'sch-1',
  downlinkKbps: 2000,
  updatedAt: 1,
  updatedBy: 'u1',
  ...over,
});

describe.each(backends)('downlink budgets on %s', (kind) => {
  const store = useStore(kind);

  it('has none until set; a put replaces; a school and a classroom are kept apart; cleared is gone', async () => {
    const repo = store().downlinkBudgets;
    const keys = [
      { target: 'school', id: 'sch-1' },
      { target: 'classroom', id: 'sch-1' },
      { target: 'classroom', id: 'room-2' },
    ] as const;
    expect(await repo.budgetsOf(keys)).toEqual([]);
    expect(await repo.budgetsOf([])).toEqual([]);
    await repo.putBudget(budget());
    await repo.putBudget(budget({ downlinkKbps: 800, updatedAt: 2 }));
    await repo.putBudget(budget({ target: 'classroom', id: 'room-2', downlinkKbps: 400 }));
    expect(await repo.budgetsOf(keys)).toEqual([
      budget({ downlinkKbps: 800, updatedAt: 2 }),
      budget({ target: 'classroom', id: 'room-2', downlinkKbps: 400 }),
    ]);
    await repo.clearBudget({ target: 'school', id: 'sch-1' });
    await repo.clearBudget({ target: 'school', id: 'never-set' });
    expect(await repo.budgetsOf(keys)).toEqual([
      budget({ target: 'classroom', id: 'room-2', downlinkKbps: 400 }),
    ]);
  });
});
