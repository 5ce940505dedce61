// Benchmark 6: signaling. Many socket.io clients churn through the /live join handshake
// (connect → join → leave → disconnect) against Tongke's signaling (attachSignaling,
// LiveRooms, a WorkerPool: a room's first join builds its router, its last leave closes
// it); round trips measured in the clients' process. Plus the timetable's conflict check at
// district scale, from test/bench/timetable.ts when the timetable engineer's file exists.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../infra/mediasoup-worker/locate.mjs';
import type { Rig } from './fanout';
import { percentile, round } from './measure';
import { TongkeFanout } from './tongke';

export interface SignalingResult {
  clients: number;
  rooms: number;
  seconds: number;
  joinsPerSec: number;
  errors: number;
  connectP50Ms: number;
  connectP95Ms: number;
  joinP50Ms: number;
  joinP95Ms: number;
  leaveP50Ms: number;
  leaveP95Ms: number;
}

export async function benchSignaling(
  rig: Rig,
  options: { clients: number; rooms: number; durationMs: number },
): Promise<SignalingResult> {
  const system = await TongkeFanout.create({ numWorkers: 1 });
  try {
    const r = await rig.sink.call('churn', { url: system.url, ...options });
    const p = (xs: number[], q: number) => round(percentile(xs, q), 1);
    return {
      clients: options.clients,
      rooms: options.rooms,
      seconds: r.seconds,
      joinsPerSec: round(r.joinMs.length / r.seconds, 1),
      errors: r.errors,
      connectP50Ms: p(r.connectMs, 50),
      connectP95Ms: p(r.connectMs, 95),
      joinP50Ms: p(r.joinMs, 50),
      joinP95Ms: p(r.joinMs, 95),
      leaveP50Ms: p(r.leaveMs, 50),
      leaveP95Ms: p(r.leaveMs, 95),
    };
  } finally {
    await system.close();
  }
}

/**
 * HOOK: the timetable engineer's `test/bench/timetable.ts` exports
 * `benchTimetable(): Promise<Record<string, number>>`; included when the file exists.
 */
export async function benchTimetableIfPresent(): Promise<
  Record<string, number> | { notMeasured: string }
> {
  const file = join(repoRoot, 'test/bench/timetable.ts');
  if (!existsSync(file)) return { notMeasured: 'test/bench/timetable.ts does not exist yet' };
  const mod = (await import(file)) as { benchTimetable?: () => Promise<Record<string, number>> };
  if (typeof mod.benchTimetable !== 'function') {
    return { notMeasured: 'test/bench/timetable.ts exports no benchTimetable()' };
  }
  return mod.benchTimetable();
}
