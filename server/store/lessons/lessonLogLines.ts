// Both backends read the log the same way: each stored line checked against the schema.
import { Value } from '@sinclair/typebox/value';
import { LessonLogEvent } from '../../../shared/lessonLog';

/** The lines that parse as an event this server knows, in order; others are skipped. */
export function knownEvents(lines: string[]): LessonLogEvent[] {
  const events: LessonLogEvent[] = [];
  for (const line of lines) {
    try {
      const value: unknown = JSON.parse(line);
      if (Value.Check(LessonLogEvent, value)) events.push(value);
    } catch {
      // not JSON: skipped like an unknown kind
    }
  }
  return events;
}
