// A small in-memory timetable for tests: the OccurrenceSource contract, nothing more.
import type {
  OccurrenceSource,
  ScheduledOccurrence,
} from '../../../../shared/timetable/occurrence';

export class MemoryOccurrenceSource implements OccurrenceSource {
  readonly occurrences = new Map<string, ScheduledOccurrence>();

  constructor(initial: ScheduledOccurrence[] = []) {
    for (const o of initial) this.put(o);
  }

  put(o: ScheduledOccurrence): void {
    this.occurrences.set(o.occurrenceId, o);
  }

  remove(occurrenceId: string): void {
    this.occurrences.delete(occurrenceId);
  }

  async occurrencesBetween(from: number, to: number): Promise<ScheduledOccurrence[]> {
    return [...this.occurrences.values()].filter(
      (o) => o.status === 'scheduled' && Date.parse(o.start) < to && Date.parse(o.end) > from,
    );
  }
}

export const T0 = Date.parse('2025-09-01T08:00:00+08:00');
export const MIN = 60_000;

/** 瑞安市实验小学 (core) with two member campuses of 高楼镇中心小学, 40-minute lesson. */
export function occurrence(overrides: Partial<ScheduledOccurrence> = {}): ScheduledOccurrence {
  const start = overrides.start ? Date.parse(overrides.start) : T0 + 60 * MIN;
  return {
    occurrenceId: 'series-math:2025-09-01',
    seriesId: 'series-math',
    communityId: 'ruian-p-18',
    subject: '数学',
    teacherId: 'teacher-wang',
    coreClassroomId: 'room-core-301',
    memberClassroomIds: ['room-gaolou-1', 'room-ningyi-1'],
    start: new Date(start).toISOString(),
    end: new Date(start + 40 * MIN).toISOString(),
    status: 'scheduled',
    version: 1,
    ...overrides,
  };
}
