// Benchmark 5: many lessons at once. K lessons of 1 teacher (the full stream set) + 4
// member classrooms, placed by Tongke's WorkerPool, on a one-worker pool and on a pool with
// a worker per core, grown together and measured alternately (as the fan-out bench).
// Classroom uplinks are not modelled: the teacher's fan-out is what fills a worker.
import { cpus } from 'node:os';
import {
  addClassrooms,
  CPU_LIMIT_PCT,
  LOSS_LIMIT_PCT,
  HOST_SATURATED_PCT,
  measureWindow,
  type Rig,
} from './fanout';
import { fitLine, round, sleep } from './measure';
import { teacherStreamSet } from './streamSet';
import { TongkeFanout } from './tongke';

export interface LessonsStep {
  workers: number;
  lessons: number;
  perWorkerCpuPct: number[];
  maxWorkerCpuPct: number;
  packetsPerSec: number;
  lossPct: number;
  hostBusyPct: number;
}

export interface LessonsCapacity {
  workers: number;
  /**
   * lessons at which the busiest worker reaches 85 % (projected from its CPU line); null
   * when the CPU did not rise with the load (too few or too light steps to fit, e.g. smoke)
   */
  lessons: number | null;
  /** largest measured K with loss < 1 % and every worker < 85 % */
  largestPassingStep: number;
  cpuPerLessonPct: number;
}

export interface LessonsResult {
  steps: LessonsStep[];
  oneWorker: LessonsCapacity;
  allWorkers: LessonsCapacity;
  /** all-workers capacity ÷ one-worker capacity (ideal: the number of workers); null if either is */
  scaling: number | null;
}

export async function benchLessons(
  rig: Rig,
  options: {
    steps: number[];
    warmupMs: number;
    windowMs: number;
    budgetMs: number;
    log: (l: string) => void;
  },
): Promise<LessonsResult> {
  const started = performance.now();
  const all = cpus().length;
  const configs = [
    {
      workers: 1,
      system: await TongkeFanout.create({ numWorkers: 1 }),
      sets: [] as number[],
      count: 0,
    },
    {
      workers: all,
      system: await TongkeFanout.create({ numWorkers: all }),
      sets: [] as number[],
      count: 0,
    },
  ];
  const steps: LessonsStep[] = [];
  try {
    for (const [index, k] of options.steps.entries()) {
      if (performance.now() - started > options.budgetMs) break;
      for (const c of configs) {
        for (; c.count < k; c.count++) {
          const lessonId = `lesson-${c.count}`;
          const producers = teacherStreamSet(100_000 + 100 * c.count);
          const { port } = await c.system.addLesson(lessonId, producers);
          c.sets.push(await rig.source.call('addSet', { producers, port }));
          await addClassrooms(rig, c.system, lessonId, `lessons-${c.workers}`, 4);
        }
      }
      const order = index % 2 === 0 ? configs : [...configs].reverse();
      for (const c of order) {
        for (const other of configs) {
          if (other !== c) await rig.source.call('setActive', { ids: other.sets, active: false });
        }
        await rig.source.call('setActive', { ids: c.sets, active: true });
        await sleep(options.warmupMs);
        const w = await measureWindow(
          rig,
          c.system,
          [`lessons-${c.workers}`],
          options.windowMs,
          false,
        );
        const step = {
          workers: c.workers,
          lessons: k,
          perWorkerCpuPct: w.perWorkerCpuPct,
          maxWorkerCpuPct: w.maxWorkerCpuPct,
          packetsPerSec: w.packetsPerSec,
          lossPct: w.lossPct,
          hostBusyPct: w.hostBusyPct,
        };
        steps.push(step);
        options.log(
          `lessons ${c.workers} worker(s) K=${k}: workers ${step.perWorkerCpuPct.join('/')}% · ` +
            `${step.packetsPerSec} pkt/s · loss ${step.lossPct}% · host ${step.hostBusyPct}%`,
        );
      }
      for (const c of configs) await rig.source.call('setActive', { ids: c.sets, active: false });
    }
  } finally {
    for (const c of configs) {
      for (const id of c.sets) await rig.source.call('removeSet', { id }).catch(() => undefined);
      await rig.sink.call('close', { group: `lessons-${c.workers}` }).catch(() => undefined);
      await c.system.close();
    }
  }
  const capacity = (workers: number): LessonsCapacity => {
    const mine = steps.filter((s) => s.workers === workers);
    const trusted = mine.filter(
      (s) => s.hostBusyPct < HOST_SATURATED_PCT || s.lossPct < LOSS_LIMIT_PCT,
    );
    const line = fitLine(trusted.map((s) => ({ x: s.lessons, y: s.maxWorkerCpuPct })));
    const passing = mine.filter(
      (s) => s.maxWorkerCpuPct < CPU_LIMIT_PCT && s.lossPct < LOSS_LIMIT_PCT,
    );
    const fits = Number.isFinite(line.slope) && line.slope > 0;
    return {
      workers,
      lessons: fits ? round((CPU_LIMIT_PCT - line.intercept) / line.slope, 1) : null,
      largestPassingStep: Math.max(0, ...passing.map((s) => s.lessons)),
      cpuPerLessonPct: round(line.slope, 3),
    };
  };
  const oneWorker = capacity(1);
  const allWorkers = capacity(all);
  return {
    steps,
    oneWorker,
    allWorkers,
    scaling:
      allWorkers.lessons !== null && oneWorker.lessons !== null
        ? round(allWorkers.lessons / oneWorker.lessons, 2)
        : null,
  };
}
