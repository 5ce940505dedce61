// A series becomes dated occurrences over its core school's term: holidays skipped, 调休
// make-up days honoured, odd/even/listed weeks kept, single-occurrence changes applied.
import { coreBellAdvice } from './bellAdvice';
import type { School } from '../../shared/timetable/model';
import type {
  Conflict,
  MemberTeacher,
  OccurrenceOverride,
  SeriesSpec,
  Weeks,
} from '../../shared/timetable/series';
import type { ScheduledOccurrence } from '../../shared/timetable/occurrence';
import { dayOf, teachingDays } from './calendar';
import { periodOf } from './bellSchedule';
import { isoWithOffset, localToEpoch, weekdayOf } from './localTime';

export interface SeriesInput {
  id: string;
  communityId: string;
  spec: SeriesSpec;
  /** the series version these occurrences belong to (the published one, or the next) */
  version: number;
}

export interface Expanded {
  occurrenceId: string;
  seriesId: string;
  communityId: string;
  subject: string;
  teacherId: string;
  coreClassroomId: string;
  memberClassroomIds: string[];
  /** 辅导教师 by member classroom, where named */
  memberTeachers: MemberTeacher[];
  /** the date the series gives it; part of the id, kept when it is moved */
  seriesDate: string;
  date: string;
  /** the weekday whose timetable the date follows (differs on make-up days) */
  weekday: number;
  period: number;
  /** core school wall clock, HH:MM */
  clock: { start: string; end: string };
  start: number;
  end: number;
  status: 'scheduled' | 'cancelled';
  moved: boolean;
  substituted: boolean;
  version: number;
  /** a published version still followed while a change to it is being negotiated */
  standing?: true;
}

export function weekMatches(weeks: Weeks, week: number): boolean {
  switch (weeks.kind) {
    case 'every':
      return true;
    case 'odd':
      return week % 2 === 1;
    case 'even':
      return week % 2 === 0;
    case 'list':
      return weeks.weeks.includes(week);
  }
}

export const occurrenceIdOf = (seriesId: string, date: string) => `${seriesId}:${date}`;

export interface Expansion {
  occurrences: Expanded[];
  problems: Conflict[];
}

/** `overrides` by series date; overrides for dates the series no longer has are ignored. */
export function expandSeries(
  series: SeriesInput,
  core: School,
  overrides: ReadonlyMap<string, OccurrenceOverride> | undefined,
  zone: string,
): Expansion {
  const { spec } = series;
  const occurrences: Expanded[] = [];
  const problems: Conflict[] = [];
  const slot = periodOf(core.bellSchedule, spec.weekday, spec.period);
  if (!slot) {
    problems.push({
      code: 'no_such_period',
      severity: 'hard',
      message: `${core.name} 星期${spec.weekday} 没有第${spec.period}节。${coreBellAdvice(core.name, spec.weekday, spec.period)}`,
      seriesId: series.id,
      resourceId: core.id,
    });
  }
  for (const day of teachingDays(core.calendar)) {
    if (day.followsWeekday !== spec.weekday || !weekMatches(spec.weeks, day.week)) continue;
    const override = overrides?.get(day.date);
    let { date } = day;
    let weekday = day.followsWeekday;
    let period = spec.period;
    if (override?.moveTo) {
      date = override.moveTo.date;
      period = override.moveTo.period;
      const target = dayOf(core.calendar, date);
      weekday = target.kind === 'teaching' ? target.followsWeekday : weekdayOf(date);
    }
    const bell = override?.moveTo ? periodOf(core.bellSchedule, weekday, period) : slot;
    if (!bell) {
      if (override?.moveTo)
        problems.push({
          code: 'no_such_period',
          severity: 'hard',
          message: `${core.name} ${date} 没有第${period}节。${coreBellAdvice(core.name, weekday, period)}`,
          seriesId: series.id,
          occurrenceId: occurrenceIdOf(series.id, day.date),
          date,
          resourceId: core.id,
        });
      continue;
    }
    occurrences.push({
      occurrenceId: occurrenceIdOf(series.id, day.date),
      seriesId: series.id,
      communityId: series.communityId,
      subject: spec.subject,
      teacherId: override?.substituteTeacherId ?? spec.teacherId,
      coreClassroomId: spec.coreClassroomId,
      memberClassroomIds: spec.memberClassroomIds,
      memberTeachers: spec.memberTeachers ?? [],
      seriesDate: day.date,
      date,
      weekday,
      period,
      clock: { start: bell.start, end: bell.end },
      start: localToEpoch(date, bell.start, zone),
      end: localToEpoch(date, bell.end, zone),
      status: override?.cancelled ? 'cancelled' : 'scheduled',
      moved: Boolean(override?.moveTo),
      substituted: Boolean(override?.substituteTeacherId),
      version: series.version + (override?.revision ?? 0),
    });
  }
  return { occurrences, problems };
}

/** The contract shape the lesson lifecycle consumes. */
export function toScheduled(o: Expanded, zone: string): ScheduledOccurrence {
  return {
    occurrenceId: o.occurrenceId,
    seriesId: o.seriesId,
    communityId: o.communityId,
    subject: o.subject,
    teacherId: o.teacherId,
    coreClassroomId: o.coreClassroomId,
    memberClassroomIds: [...o.memberClassroomIds],
    ...(o.memberTeachers.length ? { memberTeachers: o.memberTeachers.map((m) => ({ ...m })) } : {}),
    start: isoWithOffset(o.start, zone),
    end: isoWithOffset(o.end, zone),
    status: o.status,
    version: o.version,
  };
}
