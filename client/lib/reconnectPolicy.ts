/** When to try again after the n-th failed attempt (0-based); null = give up. */
export interface ReconnectPolicy {
  nextRetryDelayMs(attempt: number): number | null;
}

const steps = [0, 300, 1200, 2700, 4800];

/**
 * LiveKit's delays, then 7 s with up to 1 s of jitter, for ever: a classroom device is
 * unattended, so it never gives up; it keeps trying all day and says so on screen.
 */
export const neverGiveUp = (random: () => number = Math.random): ReconnectPolicy => ({
  nextRetryDelayMs(attempt) {
    return steps[attempt] ?? 7000 + Math.round(random() * 1000);
  },
});
