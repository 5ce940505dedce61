// Benchmarks 1–3: fan-out capacity of one worker, Tongke ÷ bare mediasoup, and the
// latency the relay adds.
//
// One synthetic teacher stream set (sourceProcess.ts) feeds each system's PlainTransport
// producer; N member classrooms (sinkProcess.ts) receive it through PlainTransports with
// SRTP. Both systems are built side by side, each on its own worker, and grow together;
// at every N the publisher feeds one system at a time, in ABBA order across steps, so a
// noisy machine hurts both alike. Per window: worker CPU from getResourceUsage() deltas,
// packets and bits the classrooms received per second, and their loss from RTP sequence
// gaps. One classroom of each system is the latency probe (see sourceProcess.ts).
import type { Child } from './child';
import { fitLine, hostBusyPct, hostCpu, round, sleep } from './measure';
import type { SinkHandlers } from './sinkProcess';
import type { SourceHandlers } from './sourceProcess';
import { srtpKey, workerCpuMs, type FanoutSystem, type Receiver } from './system';
import { teacherStreamSet } from './streamSet';

export const CPU_LIMIT_PCT = 85;
export const LOSS_LIMIT_PCT = 1;

export interface Latency {
  samples: number;
  relayP50Us: number;
  relayP99Us: number;
  directP50Us: number;
  directP99Us: number;
  addedP50Us: number;
  addedP99Us: number;
}

export interface WindowFigures {
  system: string;
  classrooms: number;
  /** worker CPU, % of one core (summed over the system's workers) */
  workerCpuPct: number;
  /** the busiest worker's CPU, % of one core */
  maxWorkerCpuPct: number;
  perWorkerCpuPct: number[];
  packetsPerSec: number;
  mbitPerSec: number;
  lossPct: number;
  worstClassroomLossPct: number;
  /** classrooms that received anything in the window */
  receiving: number;
  sinkCpuPct: number;
  hostBusyPct: number;
  latency?: Latency;
}

export interface Capacity {
  /** largest N with loss < 1 % and worker CPU < 85 %, interpolated between steps */
  classroomsPerCore: number;
  /**
   * 'measured': a trusted step crossed a limit; 'projected': none did, from the CPU line;
   * 'lower bound': none did and the CPU did not rise with N (too light to fit): at least this
   */
  how: 'measured' | 'projected' | 'lower bound';
  limitedBy: 'cpu' | 'loss';
  /** the largest step that met both limits */
  largestPassingStep: number;
  /** worker CPU per added classroom (slope of the CPU line), % of a core */
  cpuPerClassroomPct: number;
  /** worker CPU with the publisher alone (intercept), % of a core */
  cpuBasePct: number;
}

export interface FanoutResult {
  steps: WindowFigures[];
  tongke: Capacity;
  baseline: Capacity;
  /** Tongke's capacity ÷ the baseline's */
  capacityRatio: number;
  /** baseline's CPU per classroom ÷ Tongke's (1 = same cost; < 1: Tongke costs more) */
  costRatio: number;
  latency: {
    light: { classrooms: number; tongke?: Latency; baseline?: Latency };
    loaded: { classrooms: number; pctOfCapacity: number; tongke?: Latency; baseline?: Latency };
  };
}

export interface Rig {
  source: Child<SourceHandlers>;
  sink: Child<SinkHandlers>;
}

/** Adds `count` classrooms to a system's lesson: sockets (and joins) in the sink, consumers in the system. */
export async function addClassrooms(
  rig: Rig,
  system: FanoutSystem,
  lessonId: string,
  group: string,
  count: number,
): Promise<void> {
  if (count <= 0) return;
  const join = system.joinInfo(lessonId);
  const opened = await rig.sink.call('open', { group, count, ...(join ? { join } : {}) });
  const receivers: Receiver[] = opened.map((o) => ({
    port: o.port,
    ...(o.peerId ? { peerId: o.peerId } : {}),
    srtp: srtpKey(),
  }));
  await system.addClassrooms(lessonId, receivers);
}

/** One measurement window of a system whose publisher sets are already active. */
export async function measureWindow(
  rig: Rig,
  system: FanoutSystem,
  groups: string[],
  windowMs: number,
  withLatency: boolean,
): Promise<Omit<WindowFigures, 'classrooms'>> {
  const workers = system.workers();
  const cpu0 = await Promise.all(workers.map(workerCpuMs));
  const sink0 = await rig.sink.call('cpu');
  const host0 = hostCpu();
  const t0 = performance.now();
  await rig.sink.call('mark');
  if (withLatency) await rig.source.call('startLatency');
  await sleep(windowMs);
  const latency = withLatency ? await rig.source.call('stopLatency') : undefined;
  const reports = await Promise.all(groups.map((group) => rig.sink.call('report', { group })));
  const cpu1 = await Promise.all(workers.map(workerCpuMs));
  const sink1 = await rig.sink.call('cpu');
  const elapsed = performance.now() - t0;
  const host1 = hostCpu();
  const perWorker = cpu1.map((c, i) => ((c - cpu0[i]!) / elapsed) * 100);
  const sum = <K extends 'packets' | 'bytes' | 'expected' | 'receiving'>(k: K) =>
    reports.reduce((a, r) => a + r[k], 0);
  const seconds = reports[0]?.seconds ?? elapsed / 1000;
  const expected = sum('expected');
  const packets = sum('packets');
  return {
    system: system.name,
    workerCpuPct: round(
      perWorker.reduce((a, b) => a + b, 0),
      1,
    ),
    maxWorkerCpuPct: round(Math.max(...perWorker), 1),
    perWorkerCpuPct: perWorker.map((c) => round(c, 1)),
    packetsPerSec: round(packets / seconds),
    mbitPerSec: round((sum('bytes') * 8) / seconds / 1e6, 1),
    lossPct: round(expected > 0 ? (Math.max(0, expected - packets) / expected) * 100 : 0, 3),
    worstClassroomLossPct: round(Math.max(0, ...reports.map((r) => r.worstLoss)) * 100, 2),
    receiving: sum('receiving'),
    sinkCpuPct: round(((sink1 - sink0) / elapsed) * 100, 1),
    hostBusyPct: round(hostBusyPct(host0, host1), 1),
    ...(latency ? { latency } : {}),
  };
}

/** A window whose host had this much busy time or more is not trusted for loss. */
export const HOST_SATURATED_PCT = 90;

interface StepPoint {
  classrooms: number;
  cpu: number;
  loss: number;
  host: number;
}

/**
 * Capacity from a system's steps: the N where worker CPU or loss crosses its limit,
 * interpolated between the last step under both and the first over. Steps whose whole
 * host was saturated (the load tools and other tenants of this shared 2-core machine, not
 * the worker) are left out; when no trusted step crosses a limit, capacity is projected from
 * the worker's CPU line (CPU time per packet does not depend on how busy the host is).
 */
export function capacityOf(steps: StepPoint[]): Capacity {
  // Over 100 % of a core is not the worker's event loop: io_uring worker threads that take
  // over sends when the receivers' sockets are full (the receivers are starved), so such a
  // window, like one on a saturated host, says nothing about the worker's capacity.
  const trusted = steps.filter((s) => s.host < HOST_SATURATED_PCT && s.cpu <= 100);
  // (If no window was trusted, use them all rather than report nothing; the steps say why.)
  const sorted = [...(trusted.length >= 2 ? trusted : steps)].sort(
    (a, b) => a.classrooms - b.classrooms,
  );
  const passes = (s: StepPoint) => s.cpu < CPU_LIMIT_PCT && s.loss < LOSS_LIMIT_PCT;
  const firstFail = sorted.findIndex((s) => !passes(s));
  const usable = firstFail < 0 ? sorted : sorted.slice(0, firstFail);
  const line = fitLine(usable.map((s) => ({ x: s.classrooms, y: s.cpu })));
  const base = {
    cpuPerClassroomPct: round(line.slope, 4),
    cpuBasePct: round(line.intercept, 2),
    largestPassingStep: usable.at(-1)?.classrooms ?? 0,
  };
  if (firstFail < 0) {
    if (!(line.slope > 0)) {
      return {
        classroomsPerCore: base.largestPassingStep,
        how: 'lower bound',
        limitedBy: 'cpu',
        ...base,
      };
    }
    const projected = (CPU_LIMIT_PCT - line.intercept) / line.slope;
    return { classroomsPerCore: round(projected), how: 'projected', limitedBy: 'cpu', ...base };
  }
  const fail = sorted[firstFail]!;
  const prev = sorted[firstFail - 1] ?? { classrooms: 0, cpu: line.intercept || 0, loss: 0 };
  const cross = (a: number, b: number, limit: number) =>
    b >= limit && b > a
      ? prev.classrooms + ((limit - a) / (b - a)) * (fail.classrooms - prev.classrooms)
      : Infinity;
  const byCpu = cross(prev.cpu, fail.cpu, CPU_LIMIT_PCT);
  const byLoss = cross(prev.loss, fail.loss, LOSS_LIMIT_PCT);
  const n = Math.max(prev.classrooms, Math.min(byCpu, byLoss));
  return {
    classroomsPerCore: round(n),
    how: 'measured',
    limitedBy: byCpu <= byLoss ? 'cpu' : 'loss',
    ...base,
  };
}

/**
 * Both systems' capacities on one basis, so their ratio compares like with like: when one
 * was measured (a trusted step crossed the limit) and the other only projected (its steps
 * over the limit were untrusted), both are projected from their own CPU lines.
 */
export function compareCapacities(
  tongke: Capacity,
  baseline: Capacity,
): { tongke: Capacity; baseline: Capacity } {
  if (tongke.how === baseline.how || tongke.limitedBy === 'loss' || baseline.limitedBy === 'loss')
    return { tongke, baseline };
  const project = (c: Capacity): Capacity =>
    c.how === 'projected' || !(c.cpuPerClassroomPct > 0)
      ? c
      : {
          ...c,
          classroomsPerCore: round((CPU_LIMIT_PCT - c.cpuBasePct) / c.cpuPerClassroomPct),
          how: 'projected',
        };
  return { tongke: project(tongke), baseline: project(baseline) };
}

export interface FanoutOptions {
  /** total classrooms per step (the probe classroom included) */
  steps: number[];
  warmupMs: number;
  windowMs: number;
  /** stop stepping once this much time has passed */
  budgetMs: number;
  log?: (line: string) => void;
}

export async function benchFanout(
  rig: Rig,
  systems: [FanoutSystem, FanoutSystem],
  options: FanoutOptions,
): Promise<FanoutResult> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const lessonId = 'fanout';
  const relayPort = await rig.source.call('openProbe', { audioPt: -1 });
  const prepared: { system: FanoutSystem; setId: number; audioPt: number; count: number }[] = [];
  for (const [i, system] of systems.entries()) {
    const { port, audioPt } = await system.addLesson(lessonId, teacherStreamSet(1000 * (i + 1)));
    const setId = await rig.source.call('addSet', {
      producers: teacherStreamSet(1000 * (i + 1)),
      port,
    });
    // The probe classroom: its socket.io session (if any) in the sink, its media to the source's relay socket.
    const join = system.joinInfo(lessonId);
    const [probe] = await rig.sink.call('open', {
      group: `${system.name}-probe`,
      count: 1,
      sockets: false,
      ...(join ? { join } : {}),
    });
    await system.addClassrooms(lessonId, [
      { port: relayPort, ...(probe?.peerId ? { peerId: probe.peerId } : {}), srtp: srtpKey() },
    ]);
    prepared.push({ system, setId, audioPt, count: 1 });
  }

  const steps: WindowFigures[] = [];
  const failed = new Set<string>();
  for (const [index, n] of options.steps.entries()) {
    if (performance.now() - started > options.budgetMs) {
      log(`fan-out: time budget reached before N=${n}`);
      break;
    }
    for (const p of prepared) {
      await addClassrooms(rig, p.system, lessonId, p.system.name, n - p.count);
      p.count = Math.max(p.count, n);
    }
    const order = index % 2 === 0 ? prepared : [...prepared].reverse();
    for (const p of order) {
      for (const other of prepared) {
        if (other !== p) await rig.source.call('setActive', { ids: [other.setId], active: false });
      }
      await rig.source.call('setProbe', { id: p.setId, audioPt: p.audioPt });
      await rig.source.call('setActive', { ids: [p.setId], active: true });
      await sleep(options.warmupMs);
      const figures = await measureWindow(rig, p.system, [p.system.name], options.windowMs, true);
      const step = { ...figures, classrooms: n };
      steps.push(step);
      log(
        `fan-out ${p.system.name} N=${n}: worker ${step.workerCpuPct}% · ${step.packetsPerSec} pkt/s · ` +
          `${step.mbitPerSec} Mbit/s · loss ${step.lossPct}% · added latency p50 ${step.latency?.addedP50Us} µs ` +
          `· sink ${step.sinkCpuPct}% · host ${step.hostBusyPct}%`,
      );
      if (step.workerCpuPct >= CPU_LIMIT_PCT || step.lossPct >= LOSS_LIMIT_PCT)
        failed.add(p.system.name);
      // Several saturated steps in a row: the machine, not the worker, is the limit now.
      if (step.hostBusyPct >= HOST_SATURATED_PCT && step.lossPct >= LOSS_LIMIT_PCT)
        failed.add(p.system.name);
    }
    await rig.source.call('setActive', { ids: prepared.map((p) => p.setId), active: false });
    if (failed.size === prepared.length) break;
  }

  return fanoutFigures(steps, systems[0].name, systems[1].name);
}

/**
 * Everything derived from the measured windows: capacities (on one basis), ratios, latency
 * at light load and near 80 % of Tongke's capacity. The bench and `recompute.ts` both use it.
 */
export function fanoutFigures(
  steps: WindowFigures[],
  tongkeName = 'tongke',
  baselineName = 'baseline',
): FanoutResult {
  const capacity = (name: string) =>
    capacityOf(
      steps
        .filter((s) => s.system === name)
        .map((s) => ({
          classrooms: s.classrooms,
          cpu: s.workerCpuPct,
          loss: s.lossPct,
          host: s.hostBusyPct,
        })),
    );
  const { tongke, baseline } = compareCapacities(capacity(tongkeName), capacity(baselineName));
  const latencyAt = (n: number, name: string) =>
    steps.find((s) => s.classrooms === n && s.system === name)?.latency;
  const ns = [...new Set(steps.map((s) => s.classrooms))];
  const light = ns[0] ?? 0;
  const target = 0.8 * tongke.classroomsPerCore;
  const loaded = ns.reduce(
    (best, n) => (Math.abs(n - target) < Math.abs(best - target) ? n : best),
    light,
  );
  return {
    steps,
    tongke,
    baseline,
    capacityRatio: round(tongke.classroomsPerCore / baseline.classroomsPerCore, 3),
    costRatio: round(baseline.cpuPerClassroomPct / tongke.cpuPerClassroomPct, 3),
    latency: {
      light: {
        classrooms: light,
        tongke: latencyAt(light, tongkeName),
        baseline: latencyAt(light, baselineName),
      },
      loaded: {
        classrooms: loaded,
        pctOfCapacity: round((loaded / tongke.classroomsPerCore) * 100),
        tongke: latencyAt(loaded, tongkeName),
        baseline: latencyAt(loaded, baselineName),
      },
    },
  };
}
