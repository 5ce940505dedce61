// When a failed delivery is tried again: after each failure the next wait of the schedule
// (1 s, 5 s, 30 s, 2 min, 10 min by default), and once the schedule is used up, never.

export const defaultBackoffMs: readonly number[] = [1_000, 5_000, 30_000, 120_000, 600_000];

/** The time of the next attempt after `attempts` failed ones, or undefined: give up. */
export function nextAttemptAt(
  attempts: number,
  failedAt: number,
  schedule: readonly number[] = defaultBackoffMs,
): number | undefined {
  const wait = schedule[attempts - 1];
  return wait === undefined ? undefined : failedAt + wait;
}
