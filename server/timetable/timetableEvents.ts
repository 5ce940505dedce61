// What the timetable's writes tell the rest of the server, once a write has succeeded: a
// typed domain event per change that may concern someone (server/notifications reads them).
// The service only emits; who is concerned is decided elsewhere.
import { EventEmitter } from 'node:events';
import type {
  MemberTeacher,
  OccurrenceOverride,
  SeriesRecord,
  SeriesSpec,
} from '../../shared/timetable/series';
import type { Expanded } from './expand';

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

/** A proposal just written: the member schools asked are those whose answer it waits for. */
export function proposedEvent(record: SeriesRecord, at: number): ProposedEvent {
  const { subject, weekday, period } = record.spec;
  return {
    kind: 'proposed',
    communityId: record.communityId,
    seriesId: record.id,
    ...{ subject, weekday, period, at },
    schoolIds: record.responses.map((r) => r.schoolId),
  };
}

/** One occurrence's change just written, with the spec it follows and its new times. */
export function occurrenceEvent(
  spec: SeriesSpec,
  changed: Expanded,
  previous: OccurrenceChangedEvent['previous'],
  override: OccurrenceOverride,
  at: number,
): OccurrenceChangedEvent {
  return {
    kind: 'occurrence_changed',
    communityId: changed.communityId,
    seriesId: changed.seriesId,
    occurrenceId: changed.occurrenceId,
    subject: spec.subject,
    date: override.date,
    teacherId: spec.teacherId,
    memberTeachers: spec.memberTeachers ?? [],
    ...(previous ? { previous } : {}),
    override,
    start: changed.start,
    end: changed.end,
    at,
  };
}
