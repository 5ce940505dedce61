// Benchmark 6: what recording costs. K lessons (1 teacher + 4 member classrooms) relayed
// by one worker, measured without and then with every lesson recorded by server/recording
// (PlainTransport consumers → one ffmpeg per track, copying VP8/Opus into WebM). Per
// lesson: the worker's added CPU, the recorders' CPU and memory, MB per lesson-hour on
// disk; then the export of one lesson to MP4 on one core. Then the same lessons with their
// recorders on a machine of their own (./recordingElsewhere.ts): what the relaying node
// pays then is its worker's extra CPU alone.
//
// The teacher here is real VP8 and Opus (a recorder must decode a keyframe to learn the
// picture size, which the other benches' synthetic payloads do not allow): a 1280×720
// 30 fps clip encoded once, then sent by `ffmpeg -re -c copy` (no encoding) as camera,
// mic and screen. The screen at 30 fps and 1.5 Mbit/s is heavier than courseware at 5 fps.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Recordings } from '../../server/recording/Recordings';
import { exportPlan } from '../../server/recording/exportPlan';
import { localRecorderHost, type RecorderHost } from '../../server/recording/recorderHost';
import { remoteRecorderHost } from '../../server/recording/remoteRecorderHost';
import { addClassrooms, type Rig } from './fanout';
import { round, sleep } from './measure';
import { AGENT_TOKEN, elsewhere, wireOnlyHost } from './recordingElsewhere';
import { makeClip, processCpuSec, processPssMb, publishLesson, workerCpuMs } from './recordingRig';
import { TongkeFanout } from './tongke';

export interface RecordingStep {
  lessons: number;
  /**
   * the worker's CPU relaying the lessons, % of one core: without recording, with its
   * recorders on this node, on a recorder agent in the other namespace (its ffmpeg
   * receiving through the veth), and sending to the other machine only (dropped there)
   */
  workerCpuPct: { without: number; with: number; agent?: number; wire?: number };
  /** the unrecorded relay measured just before the agent's and the wire's windows */
  baselinePct?: { agent: number; wire: number };
  /** every ffmpeg recorder on this node together, % of one core */
  recorderCpuPct: number;
  /** the agent's recorders together (the other machine's cost), % of one core */
  agentRecorderCpuPct?: number;
  /** how many ffmpeg ran there */
  agentRecorders?: number;
  /** their proportional set size (own memory + share of the shared libraries) */
  recorderRssMb: number;
  recorders: number;
  /** bytes written during the window, per lesson, per hour */
  mbPerLessonHour: number;
}

export interface RecordingResult {
  steps: RecordingStep[];
  perLesson: {
    workerCpuPct: number;
    recorderCpuPct: number;
    recorderRssMb: number;
    mbPerLessonHour: number;
  };
  /** lessons one core's worth of recorder processes keeps up with (CPU only) */
  lessonsPerRecorderCore: number;
  /** recording cost per lesson ÷ relaying cost per lesson (worker CPU), percent */
  costOfRelayPct: number;
  /**
   * With the recorders on a machine of their own, what recording costs the relaying node
   * (its worker's extra CPU) ÷ relaying: through a real agent there (the loopback-like veth
   * charges the receiving side to this node too: an upper bound), and sending only.
   */
  recordersElsewhere?: { agentCostOfRelayPct: number; wireCostOfRelayPct: number };
  export: { lessonSec: number; cpuSec: number; timesRealTimeOneCore: number } | null;
}

const log = { warn: () => undefined, info: () => undefined };

interface Window {
  /** the worker relaying the same lessons unrecorded, measured just before */
  baselinePct: number;
  workerPct: number;
  recorderPct: number;
  rssMb: number;
  recorders: number;
  mbPerLessonHour: number;
}

export async function benchRecording(
  rig: Rig,
  options: {
    steps: number[];
    warmupMs: number;
    windowMs: number;
    /** length of the teacher clip, looped */
    clipSec?: number;
    log: (l: string) => void;
  },
): Promise<RecordingResult> {
  const system = await TongkeFanout.create({ numWorkers: 1 });
  const root = await mkdtemp(join(tmpdir(), 'tongke-bench-rec-'));
  const other = elsewhere();
  const recordingsIn = (folder: string, recorders?: RecorderHost) =>
    new Recordings({
      root: join(root, folder),
      findRoom: (id) => system.rooms.get(id),
      deps: {
        ffmpegPath: 'ffmpeg',
        ffprobePath: 'ffprobe',
        now: Date.now,
        minFreeBytes: 0,
        portRange: [20000, 29999],
        log: {
          info: () => undefined,
          warn: (obj: object, msg: string) =>
            options.log(`recording: ${msg} ${JSON.stringify(obj)}`),
        },
        ...(recorders ? { recorders } : {}),
      },
    });
  const worker = system.workers()[0]!;
  const clip = await makeClip(root, options.clipSec ?? 10);
  const publishers: ChildProcess[] = [];
  const steps: RecordingStep[] = [];
  let lessons = 0;
  let exported: RecordingResult['export'] = null;

  /** Records the lessons with `recordings` and reads one window of what it costs. */
  const relayWindow = async (): Promise<number> => {
    const w0 = await workerCpuMs(worker);
    const t0 = performance.now();
    await sleep(options.windowMs);
    return (((await workerCpuMs(worker)) - w0) / (performance.now() - t0)) * 100;
  };

  /**
   * The worker relaying the lessons unrecorded, then recorded by `recordings`: each way of
   * recording against a baseline of its own, just before it, so a drift of the machine's
   * load over the bench's minutes does not land in the difference.
   */
  const recordWindow = async (recordings: Recordings, ids: string[]): Promise<Window> => {
    const baselinePct = await relayWindow();
    const recorders = await Promise.all(ids.map((id) => recordings.start(id, id, 'lesson')));
    // Each lesson records the teacher (camera + mic) and the screen: two segments.
    for (const until = Date.now() + 15_000; Date.now() < until; await sleep(200)) {
      if (recorders.every((r) => r.segments.length >= 2)) break;
    }
    await sleep(options.warmupMs);
    const pids = recorders.flatMap((r) => r.segments.map((s) => s.pid!)).filter(Boolean);
    const r0 = await Promise.all(pids.map(processCpuSec));
    const w0 = await workerCpuMs(worker);
    const bytes0 = await recordedBytes(recordings, ids);
    const t0 = performance.now();
    await sleep(options.windowMs);
    const elapsed = performance.now() - t0;
    const workerPct = (((await workerCpuMs(worker)) - w0) / elapsed) * 100;
    const r1 = await Promise.all(pids.map(processCpuSec));
    const after = new Set(recorders.flatMap((r) => r.segments.map((x) => x.pid)));
    const gone = pids.filter((p) => !after.has(p));
    if (gone.length > 0) options.log(`recording: ${gone.length} recorders restarted in the window`);
    const rssMb = (await Promise.all(pids.map(processPssMb))).reduce((a, b) => a + b, 0);
    const bytes1 = await recordedBytes(recordings, ids);
    for (const id of ids) await recordings.stop(id);
    return {
      baselinePct,
      workerPct,
      // A recorder that restarted in the window is counted until it died (its /proc is gone).
      recorderPct:
        (r1.reduce((a, b, i) => a + Math.max(0, b - r0[i]!), 0) / (elapsed / 1000)) * 100,
      rssMb,
      recorders: pids.length,
      mbPerLessonHour: (((bytes1 - bytes0) / 1e6 / (elapsed / 1000)) * 3600) / ids.length,
    };
  };

  try {
    for (const k of options.steps) {
      for (; lessons < k; lessons++) {
        const id = `rec-${lessons}`;
        publishers.push(await publishLesson(system, id, clip, 300_000 + 10 * lessons));
        await addClassrooms(rig, system, id, 'recording', 4);
      }
      await sleep(options.warmupMs);
      const ids = Array.from({ length: k }, (_, i) => `rec-${i}`);

      const localRecordings = recordingsIn(`here-${k}`);
      const here = await recordWindow(localRecordings, ids);
      if (!exported) exported = await benchExport(localRecordings, ids[0]!);
      await localRecordings.close();

      let agent: Window | undefined;
      let wire: Window | undefined;
      if (other) {
        other.dropAll(false);
        const agentDir = join(root, `agent-${k}`);
        const agentProcess = await other.startAgent(agentDir);
        const onAgent = recordingsIn(
          `agent-${k}`,
          remoteRecorderHost({
            url: other.agentUrl,
            token: AGENT_TOKEN,
            fallback: localRecorderHost({ ffmpegPath: 'ffmpeg', log }),
            log: { warn: (obj) => options.log(`agent: ${JSON.stringify(obj)}`) },
          }),
        );
        try {
          agent = await recordWindow(onAgent, ids);
        } finally {
          await onAgent.close();
          await other.stopAgent(agentProcess);
        }
        other.dropAll(true);
        const toWire = recordingsIn(`wire-${k}`, wireOnlyHost(other.link.peerIp));
        wire = await recordWindow(toWire, ids);
        await toWire.close();
      }

      const step: RecordingStep = {
        lessons: k,
        workerCpuPct: {
          without: round(here.baselinePct, 1),
          with: round(here.workerPct, 1),
          ...(agent ? { agent: round(agent.workerPct, 1) } : {}),
          ...(wire ? { wire: round(wire.workerPct, 1) } : {}),
        },
        ...(agent && wire
          ? {
              baselinePct: {
                agent: round(agent.baselinePct, 1),
                wire: round(wire.baselinePct, 1),
              },
            }
          : {}),
        recorderCpuPct: round(here.recorderPct, 1),
        ...(agent
          ? { agentRecorderCpuPct: round(agent.recorderPct, 1), agentRecorders: agent.recorders }
          : {}),
        recorderRssMb: round(here.rssMb, 1),
        recorders: here.recorders,
        mbPerLessonHour: round(here.mbPerLessonHour, 1),
      };
      steps.push(step);
      const pair = (w: Window | undefined) =>
        w ? `${round(w.baselinePct, 1)} → ${round(w.workerPct, 1)}%` : '–';
      options.log(
        `recording K=${k}: worker here ${pair(here)} · agent ${pair(agent)} · ` +
          `wire ${pair(wire)} · recorders ${step.recorderCpuPct}% (${here.recorders}), on the ` +
          `agent ${step.agentRecorderCpuPct ?? '–'}% · ${step.recorderRssMb} MB PSS`,
      );
    }
  } finally {
    for (const p of publishers) p.kill('SIGKILL');
    await rig.sink.call('close', { group: 'recording' }).catch(() => undefined);
    await system.close();
    other?.close();
    await rm(root, { recursive: true, force: true });
  }
  const last = steps.at(-1)!;
  const k = last.lessons;
  const relayPerLesson = last.workerCpuPct.without / k;
  const perLessonWorker = (last.workerCpuPct.with - last.workerCpuPct.without) / k;
  const perLessonRecorder = last.recorderCpuPct / k;
  /** the worker's extra against its own baseline, as a share of that relaying */
  const share = (withPct: number | undefined, baselinePct: number | undefined) =>
    withPct === undefined || !baselinePct
      ? 0
      : round(((withPct - baselinePct) / baselinePct) * 100, 1);
  return {
    steps,
    perLesson: {
      workerCpuPct: round(perLessonWorker, 2),
      recorderCpuPct: round(perLessonRecorder, 2),
      recorderRssMb: round(last.recorderRssMb / k, 1),
      mbPerLessonHour: last.mbPerLessonHour,
    },
    lessonsPerRecorderCore: round(100 / Math.max(perLessonRecorder, 0.01), 0),
    costOfRelayPct: round(((perLessonWorker + perLessonRecorder) / relayPerLesson) * 100, 1),
    ...(last.baselinePct
      ? {
          recordersElsewhere: {
            agentCostOfRelayPct: share(last.workerCpuPct.agent, last.baselinePct.agent),
            wireCostOfRelayPct: share(last.workerCpuPct.wire, last.baselinePct.wire),
          },
        }
      : {}),
    export: exported,
  };
}

async function recordedBytes(recordings: Recordings, ids: string[]): Promise<number> {
  let total = 0;
  for (const id of ids) {
    const recorder = await recordings.active(id);
    if (!recorder) continue;
    for (const s of recorder.manifest.segments) {
      total += await stat(join(recorder.dir, s.file)).then(
        (x) => x.size,
        () => 0,
      );
    }
  }
  return total;
}

/** Exports one recorded lesson on one thread; its CPU time against the lesson's length. */
async function benchExport(recordings: Recordings, id: string): Promise<RecordingResult['export']> {
  const view = await recordings.view(id);
  if (!view) return null;
  const dir = recordings.dirOf(id);
  const plan = exportPlan(view.manifest, (f) => join(dir, f), join(dir, 'bench.mp4'));
  // -benchmark reports at the info level; the plan runs ffmpeg at -v error.
  const quiet = plan.args.indexOf('error');
  const args = [
    '-benchmark',
    '-threads',
    '1',
    '-filter_threads',
    '1',
    ...plan.args.map((a, i) => (i === quiet ? 'info' : a)),
  ];
  const stderr = await new Promise<string>((resolve) => {
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.once('exit', () => resolve(err));
  });
  const m = /utime=([\d.]+)s stime=([\d.]+)s/.exec(stderr);
  if (!m) return null;
  const cpuSec = Number(m[1]) + Number(m[2]);
  return {
    lessonSec: plan.durationS,
    cpuSec: round(cpuSec, 2),
    timesRealTimeOneCore: round(plan.durationS / cpuSec, 2),
  };
}
