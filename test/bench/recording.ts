// Benchmark 6: what recording costs. K lessons (1 teacher + 4 member classrooms) relayed
// by one worker, measured without and then with every lesson recorded by server/recording
// (PlainTransport consumers → one ffmpeg per track, copying VP8/Opus into WebM). Per
// lesson: the worker's added CPU, the recorders' CPU and memory, MB per lesson-hour on
// disk; then the export of one lesson to MP4 on one core.
//
// The teacher here is real VP8 and Opus (a recorder must decode a keyframe to learn the
// picture size, which the other benches' synthetic payloads do not allow): a 1280×720
// 30 fps clip encoded once, then sent by `ffmpeg -re -c copy` (no encoding) as camera,
// mic and screen. The screen at 30 fps and 1.5 Mbit/s is heavier than courseware at 5 fps.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { types } from 'mediasoup';
import { Recordings } from '../../server/recording/Recordings';
import { exportPlan } from '../../server/recording/exportPlan';
import { addClassrooms, type Rig } from './fanout';
import { round, sleep } from './measure';
import { TongkeFanout } from './tongke';

export interface RecordingStep {
  lessons: number;
  /** the worker's CPU relaying the lessons, % of one core, without and with recording */
  workerCpuPct: { without: number; with: number };
  /** every ffmpeg recorder together, % of one core */
  recorderCpuPct: number;
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
  export: { lessonSec: number; cpuSec: number; timesRealTimeOneCore: number } | null;
}

const log = { warn: () => undefined, info: () => undefined };
const listenInfo = { protocol: 'udp', ip: '127.0.0.1' } as const;

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: 'ignore' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg ${code}`))));
  });
}

/** The teacher's camera and voice, encoded once: `seconds` of 1280×720 VP8 and Opus. */
async function makeClip(dir: string, seconds: number): Promise<string> {
  const clip = join(dir, 'teacher.webm');
  await run([
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=30',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000',
    '-t',
    String(seconds),
    '-c:v',
    'libvpx',
    '-b:v',
    '1500k',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-g',
    '60',
    '-c:a',
    'libopus',
    '-b:a',
    '40k',
    '-ac',
    '2',
    clip,
  ]);
  return clip;
}

/**
 * A lesson whose teacher joins over signaling and publishes camera, mic and screen through
 * MediaPeer.produce, each from a PlainTransport an ffmpeg sends the clip to.
 */
async function publishLesson(
  system: TongkeFanout,
  id: string,
  clip: string,
  base: number,
): Promise<ChildProcess> {
  await system.addLesson(id, []);
  const room = system.rooms.get(id)!;
  const teacher = [...room.participants.values()].find((p) => p.role === 'teacher')!;
  const media = teacher.media!;
  const outputs: string[] = [];
  const streams = [
    { source: 'camera', kind: 'video', ssrc: base + 1, pt: 96 },
    { source: 'mic', kind: 'audio', ssrc: base + 2, pt: 111 },
    { source: 'screen', kind: 'video', ssrc: base + 3, pt: 96 },
  ] as const;
  for (const s of streams) {
    // RTCP on its own port: ffmpeg sends it from another socket than its RTP, and a
    // comedia transport with rtcp-mux would lock onto whichever arrived first.
    const transport = await media.room.createPlainTransport(media.router, {
      listenInfo,
      rtcpMux: false,
      comedia: true,
      appData: { direction: 'send', peerId: teacher.peerId },
    });
    const asPeerTransport = transport as unknown as types.WebRtcTransport;
    media.transports.set(transport.id, asPeerTransport);
    const codec =
      s.kind === 'video'
        ? { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }
        : { mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 };
    await media.produce(asPeerTransport, {
      kind: s.kind,
      rtpParameters: { codecs: [codec], encodings: [{ ssrc: s.ssrc }], rtcp: { cname: id } },
      appData: { source: s.source, peerId: teacher.peerId },
    });
    const port = transport.tuple.localPort;
    const rtcpPort = transport.rtcpTuple?.localPort ?? port;
    outputs.push(
      '-map',
      s.kind === 'video' ? '0:v' : '0:a',
      '-c',
      'copy',
      '-ssrc',
      String(s.ssrc),
      '-payload_type',
      String(s.pt),
      '-f',
      'rtp',
      `rtp://127.0.0.1:${port}?rtcpport=${rtcpPort}`,
    );
  }
  room.broadcastPeer(teacher);
  await room.reconcileAll();
  return spawn('ffmpeg', ['-v', 'error', '-re', '-stream_loop', '-1', '-i', clip, ...outputs], {
    stdio: 'ignore',
  });
}

/** CPU seconds (user + system) a process has used, from /proc. */
async function processCpuSec(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/** Proportional set size: the process's own memory plus its share of the libraries. */
async function processPssMb(pid: number): Promise<number> {
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  const kb = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  return kb / 1024;
}

async function workerCpuMs(worker: types.Worker): Promise<number> {
  const u = await worker.getResourceUsage();
  return u.ru_utime + u.ru_stime;
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
  const recordings = new Recordings({
    root,
    findRoom: (id) => system.rooms.get(id),
    deps: {
      ffmpegPath: 'ffmpeg',
      ffprobePath: 'ffprobe',
      now: Date.now,
      log,
      minFreeBytes: 0,
      portRange: [20000, 29999],
    },
  });
  const worker = system.workers()[0]!;
  const clip = await makeClip(root, options.clipSec ?? 10);
  const publishers: ChildProcess[] = [];
  const steps: RecordingStep[] = [];
  let lessons = 0;
  let exported: RecordingResult['export'] = null;
  try {
    for (const k of options.steps) {
      for (; lessons < k; lessons++) {
        const id = `rec-${lessons}`;
        publishers.push(await publishLesson(system, id, clip, 300_000 + 10 * lessons));
        await addClassrooms(rig, system, id, 'recording', 4);
      }
      await sleep(options.warmupMs);
      const w0 = await workerCpuMs(worker);
      await sleep(options.windowMs);
      const without = (((await workerCpuMs(worker)) - w0) / options.windowMs) * 100;

      const ids = Array.from({ length: k }, (_, i) => `rec-${i}`);
      const recorders = await Promise.all(ids.map((id) => recordings.start(id, id, 'lesson')));
      // Each lesson records the teacher (camera + mic) and the screen: two processes.
      for (const until = Date.now() + 15_000; Date.now() < until; await sleep(200)) {
        if (recorders.every((r) => r.segments.length >= 2)) break;
      }
      await sleep(options.warmupMs);
      const pids = recorders.flatMap((r) => r.segments.map((s) => s.pid!)).filter(Boolean);
      const r0 = await Promise.all(pids.map(processCpuSec));
      const w1 = await workerCpuMs(worker);
      const bytes0 = await recordedBytes(recordings, ids);
      const t0 = performance.now();
      await sleep(options.windowMs);
      const elapsed = performance.now() - t0;
      const withRec = (((await workerCpuMs(worker)) - w1) / elapsed) * 100;
      const r1 = await Promise.all(pids.map(processCpuSec));
      const rss = (await Promise.all(pids.map(processPssMb))).reduce((a, b) => a + b, 0);
      const bytes1 = await recordedBytes(recordings, ids);
      const recorderCpu = (r1.reduce((a, b, i) => a + b - r0[i]!, 0) / (elapsed / 1000)) * 100;
      const step: RecordingStep = {
        lessons: k,
        workerCpuPct: { without: round(without, 1), with: round(withRec, 1) },
        recorderCpuPct: round(recorderCpu, 1),
        recorderRssMb: round(rss, 1),
        recorders: pids.length,
        mbPerLessonHour: round((((bytes1 - bytes0) / 1e6 / (elapsed / 1000)) * 3600) / k, 1),
      };
      steps.push(step);
      options.log(
        `recording K=${k}: worker ${step.workerCpuPct.without}% → ${step.workerCpuPct.with}% · ` +
          `recorders ${step.recorderCpuPct}% (${pids.length}) · ${step.recorderRssMb} MB PSS`,
      );
      for (const id of ids) await recordings.stop(id);
      if (!exported) exported = await benchExport(recordings, ids[0]!);
    }
  } finally {
    await recordings.close();
    for (const p of publishers) p.kill('SIGKILL');
    await rig.sink.call('close', { group: 'recording' }).catch(() => undefined);
    await system.close();
    await rm(root, { recursive: true, force: true });
  }
  const last = steps.at(-1)!;
  const k = last.lessons;
  const perLessonWorker = (last.workerCpuPct.with - last.workerCpuPct.without) / k;
  const perLessonRecorder = last.recorderCpuPct / k;
  const relayPerLesson = last.workerCpuPct.without / k;
  const mbPerLessonHour = last.mbPerLessonHour;
  return {
    steps,
    perLesson: {
      workerCpuPct: round(perLessonWorker, 2),
      recorderCpuPct: round(perLessonRecorder, 2),
      recorderRssMb: round(last.recorderRssMb / k, 1),
      mbPerLessonHour,
    },
    lessonsPerRecorderCore: round(100 / Math.max(perLessonRecorder, 0.01), 0),
    costOfRelayPct: round(((perLessonWorker + perLessonRecorder) / relayPerLesson) * 100, 1),
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
