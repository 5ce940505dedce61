// Timetable at district scale, in memory: 50 communities × 5 schools (1 core + 4 members),
// 30 synchronized lessons a week per community (each school takes all 30), a 20-week term.
// Measures the conflict check of one new lesson against the whole district, the check of a
// whole community, and the full expansion of the term (also into the lesson-clock contract).
import type { Classroom, School, Teacher, TermCalendar } from '../../shared/timetable/model';
import { BookingIndex } from '../../server/timetable/bookings';
import { occurrenceConflicts, type TimetableContext } from '../../server/timetable/conflicts';
import { expandSeries, toScheduled, type SeriesInput } from '../../server/timetable/expand';
import { checkTimetable, expandAll, groupOverrides } from '../../server/timetable/timetable';
import { percentile, round } from './measure';

const COMMUNITIES = 50;
const MEMBERS = 4;
const LESSONS_PER_WEEK = 30;
const zone = 'Asia/Shanghai';

// 20 whole teaching weeks, Monday 2026-09-07 to Sunday 2027-01-24, no holidays: exact size.
const term: TermCalendar = {
  name: 'bench',
  firstDay: '2026-09-07',
  lastDay: '2027-01-24',
  holidays: [],
  makeUpDays: [],
};

function bell(offset: number): School['bellSchedule'] {
  const periods = [];
  for (let n = 1; n <= 7; n++) {
    const start = 8 * 60 + offset + (n - 1) * 50 + (n >= 5 ? 90 : 0);
    const clock = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    periods.push({ n, start: clock(start), end: clock(start + 40) });
  }
  return { periods };
}

function district() {
  const schools: School[] = [];
  const classrooms: Classroom[] = [];
  const teachers: Teacher[] = [];
  const series: SeriesInput[] = [];
  for (let c = 0; c < COMMUNITIES; c++) {
    const ids = [0, ...Array.from({ length: MEMBERS }, (_, i) => i + 1)].map((k) => `c${c}-s${k}`);
    ids.forEach((id, k) =>
      schools.push({
        id,
        name: id,
        district: 'bench',
        campus: false,
        stage: 'primary',
        bellSchedule: bell(k ? 5 : 0),
        calendar: term,
      }),
    );
    for (let r = 0; r < 3; r++)
      for (const id of ids)
        classrooms.push({ id: `${id}-r${r}`, schoolId: id, name: `${id}-r${r}` });
    for (let t = 0; t < 10; t++)
      teachers.push({ id: `c${c}-t${t}`, schoolId: ids[0]!, name: `t${t}`, subjects: [] });
    for (let i = 0; i < LESSONS_PER_WEEK; i++) {
      series.push({
        id: `c${c}-l${i}`,
        communityId: `c${c}`,
        version: 1,
        spec: {
          subject: 'x',
          teacherId: `c${c}-t${i % 10}`,
          coreClassroomId: `${ids[0]}-r${i % 3}`,
          memberClassroomIds: ids.slice(1).map((id) => `${id}-r${i % 3}`),
          weekday: (i % 5) + 1,
          period: Math.floor(i / 5) + 1,
          weeks: { kind: 'every' },
        },
      });
    }
  }
  const ctx: TimetableContext = {
    zone,
    schools: new Map(schools.map((s) => [s.id, s])),
    classrooms: new Map(classrooms.map((r) => [r.id, r])),
    teachers: new Map(teachers.map((t) => [t.id, t])),
  };
  return { ctx, series };
}

function time(run: () => unknown, reps: number): { p50: number; p95: number } {
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return { p50: round(percentile(samples, 50), 3), p95: round(percentile(samples, 95), 3) };
}

export async function benchTimetable(): Promise<Record<string, number>> {
  const { ctx, series } = district();
  const none = groupOverrides([]);
  time(() => expandAll(series, none, ctx), 2); // warm-up: JIT and the date caches

  const expansion = time(() => expandAll(series, none, ctx), 10);
  const all = [...expandAll(series, none, ctx).occurrences.values()].flat();
  const contract = time(() => all.map((o) => toScheduled(o, zone)), 5);
  const t0 = performance.now();
  const index = BookingIndex.of(all);
  const indexBuildMs = performance.now() - t0;

  // One new lesson in community 7 at each of its 35 slots in turn: where an existing lesson
  // uses the same classrooms or teacher it clashes, elsewhere it is free.
  const core = ctx.schools.get('c7-s0')!;
  let slot = 0;
  let clashes = 0;
  const one = time(() => {
    const i = slot++ % 35;
    const candidate: SeriesInput = {
      id: 'new',
      communityId: 'c7',
      version: 1,
      spec: {
        ...series[7 * LESSONS_PER_WEEK]!.spec,
        weekday: (i % 5) + 1,
        period: Math.floor(i / 5) + 1,
        teacherId: 'c7-t9',
      },
    };
    const { occurrences } = expandSeries(candidate, core, undefined, zone);
    clashes += occurrenceConflicts(occurrences, index, ctx).length > 0 ? 1 : 0;
  }, 350);

  // What the API does on a save: expand the community's own series plus the new one, index,
  // check (related series are found through the store's references).
  const community = series.filter((s) => s.communityId === 'c7');
  const communityCheck = time(() => checkTimetable(community, none, ctx), 30);
  const districtCheck = time(() => checkTimetable(series, none, ctx), 3);

  return {
    series: series.length,
    occurrences: all.length,
    bookings: all.length * (2 + MEMBERS),
    termExpansionP50Ms: expansion.p50,
    termExpansionP95Ms: expansion.p95,
    toContractP50Ms: contract.p50,
    indexBuildMs: round(indexBuildMs, 1),
    oneLessonCheckP50Ms: one.p50,
    oneLessonCheckP95Ms: one.p95,
    oneLessonChecksWithClash: clashes,
    communityCheckP50Ms: communityCheck.p50,
    communityCheckP95Ms: communityCheck.p95,
    districtCheckAllP50Ms: districtCheck.p50,
  };
}
