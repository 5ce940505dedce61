// What changed between two versions of a series, field by field, and which schools see it.
import type { Classroom } from '../../shared/timetable/model';
import type { FieldChange, SeriesSpec } from '../../shared/timetable/series';

const fields = [
  'subject',
  'teacherId',
  'coreClassroomId',
  'memberClassroomIds',
  'memberTeachers',
  'weekday',
  'period',
  'weeks',
] as const satisfies readonly (keyof SeriesSpec)[];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** An optional list left out reads as empty: adding none is no change. */
const valueOf = (s: SeriesSpec, f: (typeof fields)[number]) =>
  f === 'memberTeachers' ? (s.memberTeachers ?? []) : s[f];

export function seriesDiff(before: SeriesSpec | undefined, after: SeriesSpec): FieldChange[] {
  if (!before) return [];
  return fields
    .filter((f) => !same(valueOf(before, f), valueOf(after, f)))
    .map((field) => ({ field, before: valueOf(before, field), after: valueOf(after, field) }));
}

export function specsEqual(a: SeriesSpec | undefined, b: SeriesSpec): boolean {
  return Boolean(a) && seriesDiff(a, b).length === 0;
}

/** Schools whose classrooms are in either version: they must be told about a change. */
export function schoolsConcerned(
  specs: readonly (SeriesSpec | undefined)[],
  classrooms: ReadonlyMap<string, Classroom>,
): string[] {
  const out = new Set<string>();
  for (const s of specs) {
    if (!s) continue;
    for (const id of [s.coreClassroomId, ...s.memberClassroomIds]) {
      const school = classrooms.get(id)?.schoolId;
      if (school) out.add(school);
    }
  }
  return [...out].sort();
}
