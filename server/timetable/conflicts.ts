// Every conflict of a series, found at once and each with its reason: double bookings of a
// classroom or teacher, dates outside a school's term or on its holiday, member periods that
// do not fit the slot, references to things that do not exist.
import type { Classroom, School, Teacher } from '../../shared/timetable/model';
import type { Conflict } from '../../shared/timetable/series';
import type { BookingIndex, Clash } from './bookings';
import { dayOf } from './calendar';
import type { Expanded, SeriesInput } from './expand';
import { minutesOf } from './localTime';
import { defaultMinOverlap, memberSlot } from './memberClock';
import { missingReference, problemText, specProblems } from './specProblems';
import { memberBellAdvice } from './bellAdvice';

export interface TimetableContext {
  zone: string;
  schools: ReadonlyMap<string, School>;
  classrooms: ReadonlyMap<string, Classroom>;
  teachers: ReadonlyMap<string, Teacher>;
  /** share of a lesson that must fall in one member period; default 0.8 */
  minOverlap?: number;
}

/** The core school of a series, or undefined when its core classroom is unknown. */
export function coreSchoolOf(series: SeriesInput, ctx: TimetableContext): School | undefined {
  const room = ctx.classrooms.get(series.spec.coreClassroomId);
  return room ? ctx.schools.get(room.schoolId) : undefined;
}

/** References a stored series names that do not exist (any more), as hard conflicts. */
export function referenceProblems(series: SeriesInput, ctx: TimetableContext): Conflict[] {
  return specProblems(series.spec, ctx)
    .filter((p) => missingReference.has(p.code))
    .map((p) => ({
      code: 'unknown_reference',
      severity: 'hard',
      message: problemText(p),
      seriesId: series.id,
      resourceId: p.resourceId,
    }));
}

const nameOf = (id: string, ctx: TimetableContext) =>
  ctx.classrooms.get(id)?.name ?? ctx.teachers.get(id)?.name ?? ctx.schools.get(id)?.name ?? id;

function clashConflict(
  o: Expanded,
  resource: string,
  other: Expanded,
  ctx: TimetableContext,
): Conflict {
  const [kind, id = ''] = resource.split(/:(.*)/s);
  const teacher = kind === 'teacher';
  return {
    code: teacher ? 'teacher_double_booked' : 'classroom_double_booked',
    severity: 'hard',
    message: `${teacher ? '教师' : '教室'}${nameOf(id, ctx)} ${o.date} ${o.clock.start} 已排 ${other.subject}（${other.clock.start}–${other.clock.end}${other.standing ? '，现行版本，调整尚未发布' : ''}）`,
    seriesId: o.seriesId,
    occurrenceId: o.occurrenceId,
    date: o.date,
    resourceId: id,
    otherSeriesId: other.seriesId,
    otherOccurrenceId: other.occurrenceId,
  };
}

function calendarConflict(o: Expanded, school: School): Conflict | undefined {
  const day = dayOf(school.calendar, o.date);
  if (day.kind === 'teaching') return undefined;
  const outside = day.kind === 'outside_term';
  return {
    code: outside ? 'outside_term' : 'holiday',
    severity: 'hard',
    message: `${school.name} ${o.date} ${outside ? '不在学期内' : day.kind === 'weekend' ? '是周末' : '放假'}`,
    seriesId: o.seriesId,
    occurrenceId: o.occurrenceId,
    date: o.date,
    resourceId: school.id,
  };
}

/**
 * A series renegotiated within the same slot clashes twice, through its working copy and
 * through the published version it still stands on: one conflict, the working copy's.
 */
function oneClashPerOther(clashes: readonly Clash[]): Clash[] {
  const byKey = new Map<string, Clash>();
  for (const c of clashes) {
    const key = `${c.resource}|${c.other.seriesId}|${c.other.seriesDate}`;
    const seen = byKey.get(key);
    if (!seen || (seen.other.standing && !c.other.standing)) byKey.set(key, c);
  }
  return [...byKey.values()];
}

/** Conflicts of these occurrences (one series) against the index of everything else. */
export function occurrenceConflicts(
  occurrences: readonly Expanded[],
  index: BookingIndex,
  ctx: TimetableContext,
): Conflict[] {
  const out: Conflict[] = [];
  const mismatchSeen = new Set<string>();
  for (const o of occurrences) {
    if (o.status !== 'scheduled') continue;
    for (const { resource, other } of oneClashPerOther(index.clashes(o)))
      out.push(clashConflict(o, resource, other, ctx));
    const core = ctx.classrooms.get(o.coreClassroomId);
    const schoolIds = new Set(o.memberClassroomIds.map((id) => ctx.classrooms.get(id)?.schoolId));
    if (core) schoolIds.add(core.schoolId);
    for (const schoolId of schoolIds) {
      const school = schoolId ? ctx.schools.get(schoolId) : undefined;
      if (!school) continue;
      const c = calendarConflict(o, school);
      if (c) out.push(c);
      if (c || schoolId === core?.schoolId) continue;
      const day = dayOf(school.calendar, o.date);
      const weekday = day.kind === 'teaching' ? day.followsWeekday : o.weekday;
      const key = `${school.id}|${weekday}|${o.clock.start}|${o.clock.end}`;
      if (mismatchSeen.has(key)) continue;
      mismatchSeen.add(key);
      const lesson = { start: minutesOf(o.clock.start), end: minutesOf(o.clock.end) };
      const fit = memberSlot(
        lesson,
        school.bellSchedule,
        weekday,
        ctx.minOverlap ?? defaultMinOverlap,
      );
      if (!fit.fits)
        out.push({
          code: 'period_mismatch',
          severity: 'warning',
          message:
            (fit.period === null
              ? `${school.name} 星期${weekday} ${o.clock.start}–${o.clock.end} 不在任何一节课内`
              : `${school.name} 星期${weekday} ${o.clock.start}–${o.clock.end} 只有 ${Math.round(fit.overlap * 100)}% 落在第${fit.period}节`) +
            `。${memberBellAdvice(school.name, school.bellSchedule, weekday, o.clock.start, o.clock.end)}`,
          seriesId: o.seriesId,
          occurrenceId: o.occurrenceId,
          date: o.date,
          resourceId: school.id,
        });
    }
  }
  return out;
}

export const hardCount = (conflicts: readonly Conflict[]) =>
  conflicts.filter((c) => c.severity === 'hard').length;
