// The district's evaluation at district scale: the 56 communities of server/demo, a 20-week
// term with lessons per community per week as asked (the demo's 2–3 plus generated series
// on the free periods), lesson records and attendance written as the clock and signaling
// leave them, in an embedded SQLite store on disk. Measured through EvaluationService, the
// way the routes call it: half a term in (records up to mid-term), then at the term's end.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '../../shared/auth';
import type { ScheduledOccurrence } from '../../shared/timetable/occurrence';
import type { SeriesSpec } from '../../shared/timetable/series';
import { demoData, type SourceData } from '../../server/demo/demoData';
import { EvaluationService } from '../../server/evaluation/EvaluationService';
import { planOf } from '../../server/http/evaluation/mountEvaluation';
import { reportWorkbook } from '../../server/http/evaluation/reportWorkbook';
import { MinutesService } from '../../server/research/MinutesService';
import { SqliteStore } from '../../server/store/sqlite/SqliteStore';
import { TimetableOccurrenceSource } from '../../server/store/timetable/TimetableOccurrenceSource';
import { toScheduled } from '../../server/timetable/expand';
import { publishedSeries, writeHeldLesson, type ClassroomRun } from '../helpers/evaluationWorld';
import { repoRoot } from '../../infra/mediasoup-worker/locate.mjs';
import { percentile, round } from './measure';

const zone = 'Asia/Shanghai';
const MID = Date.parse('2026-11-16T00:00:00+08:00');
const AFTER = Date.parse('2027-01-25T00:00:00+08:00');

export interface EvaluationBenchOptions {
  /** synchronized lessons per community per week (the demo has 2–3) */
  perWeek: number;
  /** repeated warm reports per figure */
  runs: number;
  /** only the first n communities (smoke) */
  communities?: number;
}

export interface Latency {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface EvaluationBenchResult {
  communities: number;
  lessons: number;
  attendanceEvents: number;
  seedSec: number;
  midTerm: { firstMs: number; district: Latency };
  termEnd: { firstMs: number; district: Latency; community: Latency; exportMs: number };
  /** the target: the district report (warm, p95) under 1 s */
  under1s: boolean;
}

/** Deterministic "random" in [0, 1) from a string, so every run writes the same term. */
function chance(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

async function timed(runs: number, job: () => Promise<unknown>): Promise<Latency> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await job();
    times.push(performance.now() - t0);
  }
  return {
    runs,
    p50Ms: round(percentile(times, 50), 1),
    p95Ms: round(percentile(times, 95), 1),
    maxMs: round(Math.max(...times), 1),
  };
}

/** Free (weekday, period) slots after the demo's own, for the generated series. */
function extraSpecs(first: SeriesSpec, taken: Set<string>, count: number): SeriesSpec[] {
  const specs: SeriesSpec[] = [];
  for (let period = 1; period <= 7 && specs.length < count; period++)
    for (let weekday = 1; weekday <= 5 && specs.length < count; weekday++) {
      if (taken.has(`${weekday}/${period}`)) continue;
      specs.push({ ...first, weekday, period, weeks: { kind: 'every' }, memberTeachers: [] });
    }
  return specs;
}

export async function benchEvaluation(o: EvaluationBenchOptions): Promise<EvaluationBenchResult> {
  const t0 = performance.now();
  const source = JSON.parse(
    await readFile(join(repoRoot, 'server/demo/communities.json'), 'utf8'),
  ) as SourceData;
  const data = demoData(source);
  const communities = data.communities.slice(0, o.communities ?? data.communities.length);
  const ids = new Set(communities.map((c) => c.id));
  const series = data.series.filter((s) => ids.has(s.communityId));
  for (const c of communities) {
    const own = series.filter((s) => s.communityId === c.id);
    const taken = new Set(own.map((s) => `${s.spec.weekday}/${s.spec.period}`));
    extraSpecs(own[0]!.spec, taken, Math.max(0, o.perWeek - own.length)).forEach((spec, i) =>
      series.push({ id: `${c.id}-x${i + 1}`, communityId: c.id, spec }),
    );
  }

  const dir = await mkdtemp(join(tmpdir(), 'tongke-bench-eval-'));
  const store = SqliteStore.open(dir);
  try {
    const created = Date.parse('2026-08-20T00:00:00+08:00');
    await store.timetable.apply({
      put: {
        community: communities,
        school: data.schools,
        classroom: data.classrooms,
        teacher: data.teachers,
        series: series.map((s) => {
          const c = communities.find((x) => x.id === s.communityId)!;
          return publishedSeries(s.id, s.communityId, s.spec, c.memberSchoolIds, created);
        }),
      },
    });
    const timetable = new TimetableOccurrenceSource(store.timetable, zone);
    const lessons = (await timetable.published()).map((x) => toScheduled(x, zone));

    let events = 0;
    /** Records and attendance of the lessons ending in [from, to), in one transaction. */
    const write = async (from: number, to: number) => {
      store.db.exec('BEGIN');
      for (const l of lessons) {
        const end = Date.parse(l.end);
        if (end < from || end >= to) continue;
        if (chance(`${l.occurrenceId}/missed`) < 0.03) continue; // nobody came
        const runs: Record<string, ClassroomRun> = { [l.coreClassroomId]: { minutes: 40 } };
        for (const m of l.memberClassroomIds) {
          const r = chance(`${l.occurrenceId}/${m}`);
          runs[m] = r < 0.05 ? { minutes: 0 } : { minutes: 38, sawTeacher: r > 0.1 };
          if (runs[m]!.minutes > 0) events += 8;
        }
        events += 8;
        const withMinutes = chance(`${l.occurrenceId}/minutes`) < 0.7;
        await writeHeldLesson(store, l as ScheduledOccurrence, runs, {
          ...(withMinutes ? { minutes: { core: '课堂观察记录', problems: '声音偏小' } } : {}),
          materials: chance(`${l.occurrenceId}/material`) < 0.5 ? 1 : 0,
        });
      }
      store.db.exec('COMMIT');
    };
    await write(0, MID);
    const seedSec = (performance.now() - t0) / 1000;

    let now = MID;
    const service = new EvaluationService({
      plan: planOf(timetable, zone),
      lessons: store.lessons,
      attendance: store.attendance,
      materials: store.materials,
      minutes: new MinutesService(store.research),
      evaluation: store.evaluation,
      timetable: store.timetable,
      zone,
      now: () => now,
    });
    const district: Principal = {
      sub: 'bench-district',
      role: 'observer',
      name: '区教育局',
      communityIds: communities.map((c) => c.id),
    };
    const report = async () => JSON.stringify(await service.district(district, {}));

    const first = async () => {
      const t = performance.now();
      await report();
      return round(performance.now() - t, 1);
    };
    const midFirst = await first();
    const midTerm = { firstMs: midFirst, district: await timed(o.runs, report) };

    // The rest of the term runs; the first report after it keeps its facts.
    await write(MID, AFTER);
    now = AFTER;
    const endFirst = await first();
    const endDistrict = await timed(o.runs, report);
    const one = communities[0]!.id;
    const community = await timed(o.runs, async () =>
      JSON.stringify(await service.community(one, {})),
    );
    const t1 = performance.now();
    const all = await service.communities(district, {});
    await reportWorkbook(all.district, all.communities, zone);
    const exportMs = round(performance.now() - t1, 1);

    return {
      communities: communities.length,
      lessons: lessons.length,
      attendanceEvents: events,
      seedSec: round(seedSec, 1),
      midTerm,
      termEnd: { firstMs: endFirst, district: endDistrict, community, exportMs },
      under1s: endDistrict.p95Ms < 1000 && midTerm.district.p95Ms < 1000,
    };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
