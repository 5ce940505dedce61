// Benchmark: the signaling cost of quick questions, answers and the shared timer at 100
// classrooms in one room. The classrooms run in their own process (questionsProcess.ts);
// this process runs Tongke's signaling (attachSignaling, LiveRooms, a WorkerPool), so its
// CPU is the server's: measured idle (everyone joined, nobody asking) and under rounds of
// question → 100 answers → reveal → timer → 100 clock requests.
import { join } from 'node:path';
import { repoRoot } from '../../infra/mediasoup-worker/locate.mjs';
import { startChild } from './child';
import { percentile, round } from './measure';
import type { QuestionsHandlers } from './questionsProcess';
import { BENCH_ROOM_CODE, TongkeFanout } from './tongke';

export interface QuestionsBenchResult {
  classrooms: number;
  seconds: number;
  rounds: number;
  /** requests the server answered per second (ask, answers, reveal, timer, time) */
  requestsPerSec: number;
  /** server → client messages delivered per second (questionAsked, answerReceived…) */
  messagesPerSec: number;
  /** the Node process's CPU, % of one core: idle room, and while the rounds run */
  cpuIdlePct: number;
  cpuBusyPct: number;
  /** the CPU a thousand events cost, ms (busy minus idle) */
  cpuMsPerThousandEvents: number;
  askToAllP50Ms: number;
  askToAllP95Ms: number;
  answerAckP50Ms: number;
  answerAckP95Ms: number;
}

function cpuPct(from: NodeJS.CpuUsage, ms: number): number {
  const used = process.cpuUsage(from);
  return ((used.user + used.system) / 1000 / ms) * 100;
}

export async function benchQuestions(options: {
  classrooms: number;
  durationMs: number;
}): Promise<QuestionsBenchResult> {
  const system = await TongkeFanout.create({
    numWorkers: 1,
    roomCapacity: options.classrooms + 10,
  });
  const child = startChild<QuestionsHandlers>(join(repoRoot, 'test/bench/questionsProcess.ts'));
  try {
    // The child reports its idle window, then its busy one; the CPU is read across each.
    const run = child.call('run', {
      url: system.url,
      roomId: 'bench-questions',
      code: BENCH_ROOM_CODE,
      classrooms: options.classrooms,
      durationMs: options.durationMs,
    });
    // Wait for everyone to be in the room before the idle window starts.
    while ((system.rooms.get('bench-questions')?.participants.size ?? 0) < options.classrooms + 1) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const idleMs = Math.min(3000, options.durationMs / 2);
    const idleFrom = process.cpuUsage();
    const idleT0 = performance.now();
    await new Promise((r) => setTimeout(r, idleMs - 200));
    const cpuIdlePct = cpuPct(idleFrom, performance.now() - idleT0);
    await new Promise((r) => setTimeout(r, 200));
    const busyFrom = process.cpuUsage();
    const busyT0 = performance.now();
    const r = await run;
    const busyMs = performance.now() - busyT0;
    const cpuBusyPct = cpuPct(busyFrom, busyMs);
    const events = r.requests + r.received;
    const p = (xs: number[], q: number) => round(percentile(xs, q), 1);
    return {
      classrooms: options.classrooms,
      seconds: round(r.seconds, 1),
      rounds: r.rounds,
      requestsPerSec: round(r.requests / r.seconds, 0),
      messagesPerSec: round(r.received / r.seconds, 0),
      cpuIdlePct: round(cpuIdlePct, 1),
      cpuBusyPct: round(cpuBusyPct, 1),
      cpuMsPerThousandEvents: round(
        (((cpuBusyPct - cpuIdlePct) / 100) * r.seconds * 1000 * 1000) / Math.max(1, events),
        1,
      ),
      askToAllP50Ms: p(r.askToAllMs, 50),
      askToAllP95Ms: p(r.askToAllMs, 95),
      answerAckP50Ms: p(r.answerMs, 50),
      answerAckP95Ms: p(r.answerMs, 95),
    };
  } finally {
    await child.stop();
    await system.close();
  }
}

/** The bench's section of the report (bench/results/latest.md). */
export function questionsMarkdown(q: QuestionsBenchResult): string[] {
  return [
    `## Quick questions, answers and the timer (${q.classrooms} classrooms in one room, ${q.seconds} s)`,
    '',
    '| figure | value |',
    '|---|---|',
    `| rounds (ask → every classroom answers → reveal → timer → clock requests) | ${q.rounds} |`,
    `| requests/s answered | ${q.requestsPerSec} |`,
    `| server → client messages/s delivered | ${q.messagesPerSec} |`,
    `| Node process CPU, idle room / busy (% of a core) | ${q.cpuIdlePct} / ${q.cpuBusyPct} |`,
    `| CPU per 1000 events (ms) | ${q.cpuMsPerThousandEvents} |`,
    `| ask → all classrooms have it, p50 / p95 ms | ${q.askToAllP50Ms} / ${q.askToAllP95Ms} |`,
    `| answer ack, p50 / p95 ms | ${q.answerAckP50Ms} / ${q.answerAckP95Ms} |`,
    '',
  ];
}
