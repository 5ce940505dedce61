// The benchmark suite: runs each bench within its own time bound, cleans up its processes
// and workers, and collects the figures with the machine they were measured on.
import '../../server/media/workerBinary';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../infra/mediasoup-worker/locate.mjs';
import { BareFanout } from './baseline';
import { startChild } from './child';
import { benchFanout, type FanoutResult, type Rig } from './fanout';
import type { SinkHandlers } from './sinkProcess';
import type { SourceHandlers } from './sourceProcess';
import { TongkeFanout } from './tongke';
import { renderMarkdown } from './report';
import type { JoinResult } from './joinTime';
import { benchLessons, type LessonsResult } from './lessons';
import { benchRecording, type RecordingResult } from './recording';
import { benchSignaling, benchTimetableIfPresent, type SignalingResult } from './signaling';
import { benchEvaluation, type EvaluationBenchResult } from './evaluation';
import { benchAnnotation } from './annotation';
import { benchQuestions } from './questions';

const here = join(repoRoot, 'test/bench');

export interface BenchOptions {
  smoke: boolean;
  only?: string[];
  log?: (line: string) => void;
}

export interface Machine {
  date: string;
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  mediasoup: string;
  mediasoupClient: string;
  loadAverage: string;
}

export interface BenchResults {
  machine: Machine;
  smoke: boolean;
  durationSec: number;
  fanout?: FanoutResult;
  join?: JoinResult;
  lessons?: LessonsResult;
  signaling?: SignalingResult;
  recording?: RecordingResult;
  timetable?: Record<string, number> | { notMeasured: string };
  evaluation?: EvaluationBenchResult;
  errors: Record<string, string>;
  [bench: string]: unknown;
}

async function packageVersion(name: string): Promise<string> {
  const pkg = JSON.parse(
    await readFile(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8'),
  );
  return String(pkg.version);
}

async function machine(): Promise<Machine> {
  const load = await readFile('/proc/loadavg', 'utf8').catch(() => '');
  return {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    mediasoup: await packageVersion('mediasoup'),
    mediasoupClient: await packageVersion('mediasoup-client'),
    loadAverage: load.split(' ').slice(0, 3).join(' '),
  };
}

/** Starts the publisher and receiver processes the media benches share. */
function startRig(): Rig & { stop(): Promise<void> } {
  const source = startChild<SourceHandlers>(join(here, 'sourceProcess.ts'));
  const sink = startChild<SinkHandlers>(join(here, 'sinkProcess.ts'));
  return {
    source,
    sink,
    async stop() {
      await Promise.all([source.stop(), sink.stop()]);
    },
  };
}

async function withRig<T>(run: (rig: Rig) => Promise<T>): Promise<T> {
  const rig = startRig();
  try {
    return await run(rig);
  } finally {
    await rig.stop();
  }
}

function fanoutBench(options: BenchOptions & { log: (l: string) => void }): Promise<FanoutResult> {
  return withRig(async (rig) => {
    // A room holds 40 by default (a lesson); the fan-out bench puts hundreds in one. The
    // default router limit stays: on one worker a room overfills its router rather than
    // piping within the worker, so Tongke and the baseline use one router each.
    const tongke = await TongkeFanout.create({ numWorkers: 1, roomCapacity: 100_000 });
    const baseline = await BareFanout.create(1);
    try {
      return await benchFanout(rig, [tongke, baseline], {
        steps: options.smoke ? [2, 4] : [20, 60, 100, 140, 180, 220, 260, 300, 340],
        warmupMs: options.smoke ? 800 : 1500,
        windowMs: options.smoke ? 1000 : 3000,
        budgetMs: options.smoke ? 10_000 : 150_000,
        log: options.log,
      });
    } finally {
      await tongke.close();
      await baseline.close();
    }
  });
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? ((line: string) => console.log(`[bench] ${line}`));
  const opts = { ...options, log };
  const wanted = (name: string) => !options.only || options.only.includes(name);
  const started = performance.now();
  const results: BenchResults = {
    machine: await machine(),
    smoke: options.smoke,
    durationSec: 0,
    errors: {},
  };
  const smoke = options.smoke;
  const benches: [string, () => Promise<unknown>][] = [
    ['fanout', () => fanoutBench(opts)],
    [
      'join',
      // Imported on demand: it loads the whole server (server/app.ts).
      async () =>
        (await import('./joinTime')).benchJoinTime(
          smoke ? { repeats: 1, chromiumRepeats: 0 } : { repeats: 12, chromiumRepeats: 6 },
        ),
    ],
    [
      'lessons',
      () =>
        withRig((rig) =>
          benchLessons(rig, {
            steps: smoke ? [1, 2] : [4, 10, 16, 24, 32],
            warmupMs: smoke ? 800 : 1500,
            windowMs: smoke ? 1000 : 3000,
            budgetMs: smoke ? 10_000 : 120_000,
            log,
          }),
        ),
    ],
    [
      'signaling',
      () =>
        withRig((rig) =>
          benchSignaling(
            rig,
            smoke
              ? { clients: 4, rooms: 2, durationMs: 1500 }
              : { clients: 60, rooms: 10, durationMs: 15_000 },
          ),
        ),
    ],
    ['timetable', () => benchTimetableIfPresent()],
    [
      'recording',
      () =>
        withRig((rig) =>
          benchRecording(rig, {
            steps: smoke ? [1] : [2, 6],
            warmupMs: smoke ? 1500 : 3000,
            windowMs: smoke ? 2000 : 20_000,
            clipSec: smoke ? 4 : 10,
            log,
          }),
        ),
    ],
    [
      'evaluation',
      () =>
        benchEvaluation(
          smoke ? { perWeek: 3, runs: 2, communities: 3 } : { perWeek: 10, runs: 20 },
        ),
    ],
    [
      'annotation',
      () =>
        benchAnnotation(
          smoke ? { classrooms: 3, durationMs: 1500 } : { classrooms: 100, durationMs: 15_000 },
        ),
    ],
    [
      'questions',
      () =>
        benchQuestions(
          smoke ? { classrooms: 5, durationMs: 2000 } : { classrooms: 100, durationMs: 15_000 },
        ),
    ],
  ];
  for (const [name, run] of benches) {
    if (!wanted(name)) continue;
    log(`${name}: start`);
    const t0 = performance.now();
    try {
      results[name] = await run();
    } catch (error) {
      results.errors[name] = (error as Error).stack ?? String(error);
      log(`${name}: FAILED ${(error as Error).message}`);
    }
    log(`${name}: ${Math.round((performance.now() - t0) / 1000)} s`);
  }
  results.durationSec = Math.round((performance.now() - started) / 1000);
  return results;
}

export async function writeResults(
  results: BenchResults,
  options: { smoke: boolean; only?: readonly string[] },
): Promise<string[]> {
  const dir = join(repoRoot, 'bench/results');
  await mkdir(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const md = renderMarkdown(results);
  const stamp = results.machine.date.replace(/[:]/g, '').replace(/\..*/, '');
  // A partial run (BENCH_ONLY) keeps its dated copy only: latest.* stays the whole run the
  // README quotes.
  const part = options.only?.length ? `-${options.only.join('-')}` : '';
  const names = options.smoke ? ['smoke-latest'] : part ? [`${stamp}${part}`] : ['latest', stamp];
  const files = names.flatMap((n) => [join(dir, `${n}.json`), join(dir, `${n}.md`)]);
  for (let i = 0; i < files.length; i += 2) {
    await writeFile(files[i]!, json);
    await writeFile(files[i + 1]!, md);
  }
  return files;
}
