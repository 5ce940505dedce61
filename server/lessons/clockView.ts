// What the timetable's readers (a classroom PC's "today") need of the lesson clock: its
// lead time and each lesson's state, so a PC never joins a finished lesson or waits at a
// room the clock has not opened.
import type { LessonState } from '../../shared/lessons';
import type { LessonLifecycle } from './LessonLifecycle';

export interface LessonClockView {
  openLeadMs: number;
  states(occurrenceIds: readonly string[]): Promise<ReadonlyMap<string, LessonState>>;
}

export function lessonClockView(lifecycle: LessonLifecycle): LessonClockView {
  return {
    openLeadMs: lifecycle.settings.openLeadMs,
    async states(ids) {
      const records = await Promise.all(ids.map((id) => lifecycle.get(id)));
      return new Map(records.flatMap((r) => (r ? [[r.occurrence.occurrenceId, r.state]] : [])));
    },
  };
}
