// What the timetable's writes tell the rest of the server, once a write has succeeded: a
// typed domain event per change that may concern someone (server/notifications reads them).
// The service only emits; who is concerned is decided elsewhere.
import { EventEmitter } from 'node:events';
import type {
  MemberTeacher,
  OccurrenceOverride,
  SeriesRecord,
} from '../../shared/timetable/series';

export interface ProposedEvent {
  kind: 'proposed';
  communityId: string;
  seriesId: string;
  subject: string;
  weekday: number;
  period: number;
  /** the member schools asked to answer */
  schoolIds: string[];
  at: number;
}

export interface PublishedEvent {
  kind: 'published';
  communityId: string;
  /** each series published, with the 辅导教师 of the version it replaced (none if new) */
  series: {
    seriesId: string;
    subject: string;
    weekday: number;
    period: number;
    memberTeachers: MemberTeacher[];
    before: MemberTeacher[];
  }[];
  at: number;
}

export interface OccurrenceChangedEvent {
  kind: 'occurrence_changed';
  communityId: string;
  seriesId: string;
  occurrenceId: string;
  subject: string;
  /** the date the series gives it */
  date: string;
  /** the series' own teacher */
  teacherId: string;
  memberTeachers: MemberTeacher[];
  previous?: Pick<OccurrenceOverride, 'cancelled' | 'moveTo' | 'substituteTeacherId'>;
  override: Pick<OccurrenceOverride, 'cancelled' | 'moveTo' | 'substituteTeacherId'> & {
    note?: string;
  };
  /** when it now starts and ends (ms), after the change */
  start: number;
  end: number;
  at: number;
}

export type TimetableEvent = ProposedEvent | PublishedEvent | OccurrenceChangedEvent;

export class TimetableEvents extends EventEmitter<{ change: [TimetableEvent] }> {}

/** The published event of `records`, each beside the record it was written over. */
export function publishedEvent(
  pairs: readonly { before: SeriesRecord | undefined; after: SeriesRecord }[],
  at: number,
): PublishedEvent | undefined {
  const series = pairs
    .filter((p) => p.after.published)
    .map(({ before, after }) => {
      const spec = after.published!.spec;
      return {
        seriesId: after.id,
        subject: spec.subject,
        weekday: spec.weekday,
        period: spec.period,
        memberTeachers: spec.memberTeachers ?? [],
        before: before?.published?.spec.memberTeachers ?? [],
      };
    });
  const communityId = pairs[0]?.after.communityId;
  return communityId && series.length ? { kind: 'published', communityId, series, at } : undefined;
}
