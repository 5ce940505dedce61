// The timetable's records behind one small port: get, list (all or by reference) and one
// atomic multi-record change. Both backends store each record as JSON plus reference sets
// (community, school, classroom, teacher …) so the queries the timetable needs stay indexed.
import type { Classroom, Community, School, Teacher } from '../../../shared/timetable/model';
import type { OccurrenceOverride, SeriesRecord } from '../../../shared/timetable/series';

export interface TimetableRecords {
  community: Community;
  school: School;
  classroom: Classroom;
  teacher: Teacher;
  series: SeriesRecord;
  override: OccurrenceOverride;
}
export type TimetableKind = keyof TimetableRecords;
export const timetableKinds: readonly TimetableKind[] = [
  'community',
  'school',
  'classroom',
  'teacher',
  'series',
  'override',
];

export interface TimetableChange {
  put?: { [K in TimetableKind]?: TimetableRecords[K][] };
  delete?: { [K in TimetableKind]?: string[] };
  /** compare-and-set: nothing is written unless each series still has this revision */
  expectSeries?: { id: string; revision: number }[];
}

export interface TimetableRepository {
  get<K extends TimetableKind>(kind: K, id: string): Promise<TimetableRecords[K] | undefined>;
  /** In the order of `ids`, unknown ids left out. */
  getMany<K extends TimetableKind>(kind: K, ids: readonly string[]): Promise<TimetableRecords[K][]>;
  list<K extends TimetableKind>(kind: K): Promise<TimetableRecords[K][]>;
  /** Records holding a reference, e.g. `byRef('series', 'classroom:room-1')` (see refsOf). */
  byRef<K extends TimetableKind>(kind: K, ref: string): Promise<TimetableRecords[K][]>;
  /** All or nothing. False (nothing written) when an expected revision no longer holds. */
  apply(change: TimetableChange): Promise<boolean>;
  /** Grows with every applied change, on every node: a cheap "has anything changed?". */
  generation(): Promise<number>;
}

export function idOf<K extends TimetableKind>(kind: K, record: TimetableRecords[K]): string {
  if (kind === 'override') {
    const o = record as OccurrenceOverride;
    return `${o.seriesId}:${o.date}`;
  }
  return (record as { id: string }).id;
}

/** The references a record is found by. */
export function refsOf<K extends TimetableKind>(kind: K, record: TimetableRecords[K]): string[] {
  switch (kind) {
    case 'community': {
      const c = record as Community;
      return [`school:${c.coreSchoolId}`, ...c.memberSchoolIds.map((s) => `school:${s}`)];
    }
    case 'classroom':
    case 'teacher':
      return [`school:${(record as Classroom | Teacher).schoolId}`];
    case 'series': {
      const s = record as SeriesRecord;
      const specs = [s.spec, s.published?.spec].filter((x) => x !== undefined);
      const refs = [`community:${s.communityId}`, ...(s.published ? ['published'] : [])];
      for (const spec of specs) {
        refs.push(`teacher:${spec.teacherId}`, `classroom:${spec.coreClassroomId}`);
        for (const m of spec.memberClassroomIds) refs.push(`classroom:${m}`);
        for (const m of spec.memberTeachers ?? []) refs.push(`teacher:${m.teacherId}`);
      }
      return [...new Set(refs)];
    }
    case 'override': {
      const o = record as OccurrenceOverride;
      const refs = [`community:${o.communityId}`, `series:${o.seriesId}`];
      // a substitute is busy at that time too: find the series through them
      if (o.substituteTeacherId) refs.push(`teacher:${o.substituteTeacherId}`);
      return refs;
    }
    default:
      return [];
  }
}

/** The records of a change in one flat list, serialised; throws on an unserialisable one. */
export function* flatten(change: TimetableChange) {
  for (const kind of timetableKinds) {
    for (const record of (change.put?.[kind] ?? []) as TimetableRecords[typeof kind][]) {
      yield {
        op: 'put' as const,
        kind,
        id: idOf(kind, record),
        json: JSON.stringify(record),
        refs: refsOf(kind, record),
      };
    }
    for (const id of change.delete?.[kind] ?? []) yield { op: 'delete' as const, kind, id };
  }
}
