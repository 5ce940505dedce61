// Who gets how much of a school's downlink budget: pure. A school's budget is its line's
// (a metered or shared line): the classrooms of it that are live on this node at the same
// time share it; a classroom's own budget, if set, bounds it within. A classroom's share
// is then split among its PCs in the room (the projector's and a second screen's).

/** Budgets in kbit/s by school id and by classroom id (those with none are absent). */
export interface BudgetSettings {
  schools: ReadonlyMap<string, number>;
  classrooms: ReadonlyMap<string, number>;
}

/** One classroom PC live on this node, whichever room it is in. */
export interface LiveReceiver {
  peerId: string;
  classroomId: string;
  /** undefined: its classroom is not (or no longer) in the timetable */
  schoolId: string | undefined;
}

/**
 * Each live receiver's budget in kbit/s (absent: none). A school's budget is shared
 * max-min fairly among its live classrooms: even shares, except that a classroom whose own
 * budget is below its even share keeps only that, and what it leaves is shared by the
 * others. A classroom's share is split evenly among its live PCs; whole kbit/s, rounded down.
 */
export function shareBudgets(
  settings: BudgetSettings,
  live: readonly LiveReceiver[],
): Map<string, number> {
  // school → classroom → its PCs (classrooms of no known school stand alone)
  const bySchool = new Map<string | undefined, Map<string, string[]>>();
  for (const r of live) {
    const classrooms = bySchool.get(r.schoolId) ?? new Map<string, string[]>();
    bySchool.set(r.schoolId, classrooms);
    classrooms.set(r.classroomId, [...(classrooms.get(r.classroomId) ?? []), r.peerId]);
  }
  const out = new Map<string, number>();
  for (const [schoolId, classrooms] of bySchool) {
    const own = (id: string) => settings.classrooms.get(id) ?? Number.POSITIVE_INFINITY;
    const school = schoolId === undefined ? undefined : settings.schools.get(schoolId);
    const given = new Map<string, number>();
    if (school === undefined) {
      for (const id of classrooms.keys()) given.set(id, own(id));
    } else {
      // Water-filling: the most modest classrooms first, each takes min(its own, an even share).
      let left = school;
      const order = [...classrooms.keys()].sort((a, b) => own(a) - own(b) || a.localeCompare(b));
      for (const [i, id] of order.entries()) {
        const share = Math.min(own(id), left / (order.length - i));
        given.set(id, share);
        left -= share;
      }
    }
    for (const [id, peers] of classrooms) {
      const kbps = given.get(id)!;
      if (!Number.isFinite(kbps)) continue;
      for (const peerId of peers) out.set(peerId, Math.floor(kbps / peers.length));
    }
  }
  return out;
}
