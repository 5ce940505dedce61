/** The time limits of the lesson lifecycle, all in ms (config gives minutes). */
export interface LifecycleSettings {
  /** the room opens this long before start, for the device and network check */
  openLeadMs: number;
  /** a teacher may start at most this long before the scheduled start */
  maxEarlyStartMs: number;
  /** a teacher may run over the scheduled end by at most this much */
  maxLateEndMs: number;
  /** the research session stays open this long after the lesson ends */
  researchDurationMs: number;
}

export const MINUTE = 60_000;

export const defaultLifecycleSettings: LifecycleSettings = {
  openLeadMs: 5 * MINUTE,
  maxEarlyStartMs: 10 * MINUTE,
  maxLateEndMs: 15 * MINUTE,
  researchDurationMs: 60 * MINUTE,
};
