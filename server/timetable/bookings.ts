// Who is busy when: every scheduled occurrence indexed under each classroom and teacher it
// uses, so a new lesson is checked against the few bookings of its own resources only.
import { IntervalList } from './interval';
import type { Expanded } from './expand';

export const classroomKey = (id: string) => `classroom:${id}`;
export const teacherKey = (id: string) => `teacher:${id}`;

/** A 辅导教师 is busy in her member classroom as much as the core teacher in hers. */
export function resourcesOf(o: Expanded): string[] {
  return [
    teacherKey(o.teacherId),
    classroomKey(o.coreClassroomId),
    ...o.memberClassroomIds.map(classroomKey),
    ...o.memberTeachers.map((m) => teacherKey(m.teacherId)),
  ];
}

export interface Clash {
  resource: string;
  other: Expanded;
}

export class BookingIndex {
  readonly #lists = new Map<string, IntervalList<Expanded>>();

  static of(occurrences: Iterable<Expanded>): BookingIndex {
    const index = new BookingIndex();
    for (const o of occurrences) index.add(o);
    return index;
  }

  /** Cancelled occurrences book nothing. */
  add(o: Expanded): void {
    if (o.status !== 'scheduled') return;
    for (const key of resourcesOf(o)) {
      let list = this.#lists.get(key);
      if (!list) this.#lists.set(key, (list = new IntervalList()));
      list.add(o);
    }
  }

  /** Other series' occurrences sharing a resource with `o` at an overlapping time. */
  clashes(o: Expanded): Clash[] {
    if (o.status !== 'scheduled') return [];
    const out: Clash[] = [];
    for (const resource of new Set(resourcesOf(o))) {
      for (const other of this.#lists.get(resource)?.overlapping(o) ?? []) {
        if (other.seriesId !== o.seriesId) out.push({ resource, other });
      }
    }
    return out;
  }
}
