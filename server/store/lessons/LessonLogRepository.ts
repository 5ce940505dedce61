import type { LessonLogEvent } from '../../../shared/lessonLog';

/**
 * The lesson occurrence's log (shared/lessonLog.ts): appended in order, read back whole.
 * A line a newer server wrote in a kind this one does not know is skipped on reading.
 */
export interface LessonLogRepository {
  append(occurrenceId: string, event: LessonLogEvent): Promise<void>;
  list(occurrenceId: string): Promise<LessonLogEvent[]>;
}
