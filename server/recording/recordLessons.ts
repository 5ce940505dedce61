// Ties recording to the lesson clock: a lesson that goes live is recorded (unless its
// community turned recording off), one that ends is not any more; one still live when the
// server comes back goes on in new segments. A lesson that opens on a recording disk below
// its floor is warned of then, while there is time to make room, not when it goes live.
import type { LessonLifecycle, LessonTransitionEvent } from '../lessons/LessonLifecycle';
import type { LessonRecord } from '../../shared/lessons';
import type { RecordingPolicy, RecordingReadiness } from '../../shared/recording';
import { recordsLessons, type ServerRecordingDefaults } from './policy';
import type { Recordings } from './Recordings';

export function recordLessons(
  lifecycle: LessonLifecycle,
  recordings: Recordings,
  policyOf: (communityId: string) => Promise<RecordingPolicy | undefined>,
  defaults: ServerRecordingDefaults,
  log: { warn(obj: object, msg: string): void },
  readinessOf?: (communityId: string) => Promise<RecordingReadiness>,
): () => void {
  const failed = (id: string) => (error: Error) =>
    log.warn({ occurrenceId: id, err: error.message }, 'recording: could not start or stop');
  const start = (id: string, communityId: string) =>
    void policyOf(communityId)
      .then((policy) => {
        if (!recordsLessons(policy, defaults)) return;
        return recordings.start(id, id, 'lesson', communityId);
      })
      .catch(failed(id));
  const warnIfDiskLow = (id: string, communityId: string) =>
    void readinessOf?.(communityId)
      .then((r) => {
        if (r.reason !== 'disk_low') return;
        log.warn(
          { occurrenceId: id, freeMb: r.freeMb, minFreeMb: r.minFreeMb },
          'recording: a lesson opened that will not be recorded: the recording disk is below its floor',
        );
      })
      .catch(failed(id));
  const onTransition = (e: LessonTransitionEvent) => {
    if (e.to === 'open') warnIfDiskLow(e.occurrenceId, e.occurrence.communityId);
    if (e.to === 'live') start(e.occurrenceId, e.occurrence.communityId);
    else if (e.from === 'live') void recordings.stop(e.occurrenceId).catch(failed(e.occurrenceId));
  };
  const onResumed = (r: LessonRecord) => {
    if (r.state === 'live') start(r.occurrence.occurrenceId, r.occurrence.communityId);
  };
  lifecycle.on('transition', onTransition);
  lifecycle.on('resumed', onResumed);
  return () => {
    lifecycle.off('transition', onTransition);
    lifecycle.off('resumed', onResumed);
  };
}
