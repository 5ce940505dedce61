// The whole 一张表 at once: expand every series, index the bookings, check the series asked
// about against all the others.
import type { Conflict, OccurrenceOverride } from '../../shared/timetable/series';
import { BookingIndex } from './bookings';
import {
  coreSchoolOf,
  occurrenceConflicts,
  referenceProblems,
  type TimetableContext,
} from './conflicts';
import { expandSeries, type Expanded, type SeriesInput } from './expand';

export type OverridesBySeries = ReadonlyMap<string, ReadonlyMap<string, OccurrenceOverride>>;

export function groupOverrides(overrides: Iterable<OccurrenceOverride>): OverridesBySeries {
  const out = new Map<string, Map<string, OccurrenceOverride>>();
  for (const o of overrides) {
    let m = out.get(o.seriesId);
    if (!m) out.set(o.seriesId, (m = new Map()));
    m.set(o.date, o);
  }
  return out;
}

export interface ExpandedTimetable {
  occurrences: Map<string, Expanded[]>;
  /** problems found while expanding (unknown references, missing periods) by series */
  problems: Map<string, Conflict[]>;
}

export function expandAll(
  series: readonly SeriesInput[],
  overrides: OverridesBySeries,
  ctx: TimetableContext,
): ExpandedTimetable {
  const occurrences = new Map<string, Expanded[]>();
  const problems = new Map<string, Conflict[]>();
  for (const s of series) {
    const found = referenceProblems(s, ctx);
    const core = coreSchoolOf(s, ctx);
    if (core) {
      const e = expandSeries(s, core, overrides.get(s.id), ctx.zone);
      occurrences.set(s.id, e.occurrences);
      found.push(...e.problems);
    } else {
      occurrences.set(s.id, []);
    }
    problems.set(s.id, found);
  }
  return { occurrences, problems };
}

/**
 * Conflicts of each series in `focus` (default: all) against every series given. Pass every
 * series that may share a classroom or teacher, across communities: a core school may lead two.
 *
 * `standing` are published versions that classrooms still follow while a change to them is
 * negotiated (their working copies are in `series`): until the change is published their
 * old slot stays busy, so they book it too. They are checked against nothing themselves.
 */
export function checkTimetable(
  series: readonly SeriesInput[],
  overrides: OverridesBySeries,
  ctx: TimetableContext,
  focus?: ReadonlySet<string>,
  standing: readonly SeriesInput[] = [],
): { expanded: ExpandedTimetable; conflicts: Map<string, Conflict[]> } {
  const expanded = expandAll(series, overrides, ctx);
  const stillFollowed = [...expandAll(standing, overrides, ctx).occurrences.values()]
    .flat()
    .map((o) => ({ ...o, standing: true as const }));
  const index = BookingIndex.of([...[...expanded.occurrences.values()].flat(), ...stillFollowed]);
  const conflicts = new Map<string, Conflict[]>();
  for (const s of series) {
    if (focus && !focus.has(s.id)) continue;
    conflicts.set(s.id, [
      ...(expanded.problems.get(s.id) ?? []),
      ...occurrenceConflicts(expanded.occurrences.get(s.id) ?? [], index, ctx),
    ]);
  }
  return { expanded, conflicts };
}
