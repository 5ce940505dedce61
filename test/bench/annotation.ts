// Benchmark: the signaling cost of 批注. One lesson room with a teacher drawing without
// pause (a 40 ms batch of ~8 pen points, as her page sends them) and N classrooms receiving
// every batch, through Tongke's own /live signaling (attachSignaling, LiveRooms, the
// annotation handlers and board). Measured: requests and points per second in, messages and
// points per second fanned out, the Node process's CPU (this process: the clients run in a
// child), and the teacher-to-classroom delay.
import { join } from 'node:path';
import { repoRoot } from '../../infra/mediasoup-worker/locate.mjs';
import { startChild } from './child';
import { percentile, round } from './measure';
import { TongkeFanout } from './tongke';

type ClientHandlers = {
  setup(args: { url: string; roomId: string; classrooms: number }): { classrooms: number };
  draw(args: {
    durationMs: number;
    batchMs: number;
    pointsPerBatch: number;
    strokePoints: number;
  }): {
    sent: number;
    sentPoints: number;
    refused: number;
    delivered: number;
    deliveredPoints: number;
    latencies: number[];
  };
};

export interface AnnotationBenchResult {
  classrooms: number;
  seconds: number;
  batchMs: number;
  /** requests the teacher's page sends per second, and the points in them */
  requestsPerSec: number;
  pointsPerSec: number;
  /** `annotation` messages (and their points) the server sends per second, all classrooms */
  fanoutMessagesPerSec: number;
  fanoutPointsPerSec: number;
  /** CPU of the Node process (signaling), % of one core, while drawing */
  nodeCpuPct: number;
  /** the same process idle with the same sockets connected, for comparison */
  idleNodeCpuPct: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  refused: number;
  /** messages a classroom should have had but did not */
  lost: number;
}

function cpuPct(run: () => Promise<unknown>): Promise<{ pct: number; ms: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  return run().then(() => {
    const c = process.cpuUsage(c0);
    const ms = performance.now() - t0;
    return { pct: round(((c.user + c.system) / 1000 / ms) * 100, 1), ms };
  });
}

export async function benchAnnotation(options: {
  classrooms: number;
  durationMs: number;
  batchMs?: number;
  pointsPerBatch?: number;
}): Promise<AnnotationBenchResult> {
  const batchMs = options.batchMs ?? 40;
  const system = await TongkeFanout.create({
    numWorkers: 1,
    roomCapacity: options.classrooms + 10,
  });
  const clients = startChild<ClientHandlers>(join(repoRoot, 'test/bench/annotationClients.ts'));
  try {
    await clients.call('setup', {
      url: system.url,
      roomId: 'annotation-bench',
      classrooms: options.classrooms,
    });
    const idle = await cpuPct(
      () => new Promise((r) => setTimeout(r, Math.min(3000, options.durationMs))),
    );
    let r: Awaited<ReturnType<ClientHandlers['draw']>> | undefined;
    const busy = await cpuPct(async () => {
      r = await clients.call('draw', {
        durationMs: options.durationMs,
        batchMs,
        pointsPerBatch: options.pointsPerBatch ?? 8,
        strokePoints: 400,
      });
    });
    const result = r!;
    const seconds = options.durationMs / 1000;
    return {
      classrooms: options.classrooms,
      seconds,
      batchMs,
      requestsPerSec: round(result.sent / seconds, 1),
      pointsPerSec: round(result.sentPoints / seconds, 0),
      fanoutMessagesPerSec: round(result.delivered / seconds, 0),
      fanoutPointsPerSec: round(result.deliveredPoints / seconds, 0),
      nodeCpuPct: busy.pct,
      idleNodeCpuPct: idle.pct,
      latencyP50Ms: round(percentile(result.latencies, 50), 1),
      latencyP95Ms: round(percentile(result.latencies, 95), 1),
      refused: result.refused,
      lost: (result.sent - result.refused) * options.classrooms - result.delivered,
    };
  } finally {
    await clients.stop();
    await system.close();
  }
}

export function renderAnnotation(a: AnnotationBenchResult | undefined): string[] {
  if (!a) return [];
  return [
    `## 批注 annotation signaling (1 teacher drawing, ${a.classrooms} classrooms, ${a.seconds} s)`,
    '',
    '| figure | value |',
    '|---|---|',
    `| teacher's requests/s (a batch every ${a.batchMs} ms) | ${a.requestsPerSec} |`,
    `| points/s drawn | ${a.pointsPerSec} |`,
    `| messages/s fanned out | ${a.fanoutMessagesPerSec} |`,
    `| points/s fanned out | ${a.fanoutPointsPerSec} |`,
    `| Node CPU drawing (idle) | ${a.nodeCpuPct} % (${a.idleNodeCpuPct} %) of a core |`,
    `| teacher → classroom p50 / p95 | ${a.latencyP50Ms} / ${a.latencyP95Ms} ms |`,
    `| refused / lost | ${a.refused} / ${a.lost} |`,
    '',
  ];
}
