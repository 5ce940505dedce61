import type { DownlinkBudget, DownlinkTarget } from '../../../shared/downlinkBudget';

export interface DownlinkBudgetKey {
  target: DownlinkTarget;
  id: string;
}

/**
 * The downlink budgets of schools and classrooms (shared/downlinkBudget.ts), keyed by the
 * school's or classroom's id: a school's line is the school's, whichever community it is in.
 */
export interface DownlinkBudgetRepository {
  /** the budgets set among these keys, in their order (keys with none are left out) */
  budgetsOf(keys: readonly DownlinkBudgetKey[]): Promise<DownlinkBudget[]>;
  /** sets one budget, replacing any before */
  putBudget(budget: DownlinkBudget): Promise<void>;
  /** no budget any more (none: nothing happens) */
  clearBudget(key: DownlinkBudgetKey): Promise<void>;
}
