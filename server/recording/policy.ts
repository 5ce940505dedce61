// What a community's recording policy means for one recording: pure, so each rule is
// tested without a server. A community that never set one gets the server's settings.
import type { Manifest, RecordingPolicy, RecordingPolicyView } from '../../shared/recording';

export const DAY = 24 * 60 * 60_000;

/** The server's own settings: RECORD_LESSONS and RECORDING_RETENTION_DAYS (0: keep all). */
export interface ServerRecordingDefaults {
  recordLessons: boolean;
  retentionDays: number;
}

/** Whether a community's scheduled lessons are recorded by themselves. */
export function recordsLessons(
  policy: RecordingPolicy | undefined,
  defaults: ServerRecordingDefaults,
): boolean {
  return defaults.recordLessons && (policy?.enabled ?? true);
}

/** How long a recording is kept (0: for ever): its community's days, else the server's. */
export function keepMsOf(
  manifest: Manifest,
  policies: ReadonlyMap<string, RecordingPolicy>,
  defaults: ServerRecordingDefaults,
): number {
  const own = manifest.communityId ? policies.get(manifest.communityId) : undefined;
  return (own?.retentionDays ?? defaults.retentionDays) * DAY;
}

/**
 * The policy a community reads back: its own, or the defaults it has until it sets one,
 * with whether its lessons are really recorded (the server's switch can override it).
 */
export function policyView(
  communityId: string,
  policy: RecordingPolicy | undefined,
  defaults: ServerRecordingDefaults,
): RecordingPolicyView {
  return {
    ...(policy ?? { communityId, enabled: true }),
    recordsLessons: recordsLessons(policy, defaults),
    serverRecords: defaults.recordLessons,
  };
}
