// Prometheus metrics for whoever runs the server: workers and their CPU, rooms, people,
// consumers, lessons by state. Gathered when scraped, from state the parts already keep:
// nothing is counted per packet or per request.
import type { FastifyPluginAsync } from 'fastify';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { WorkerPool } from '../media/WorkerPool';
import type { LiveRooms } from '../live/LiveRooms';
import type { SfuPorts } from '../signaling/SocketConnection';
import type { LessonLifecycle } from '../lessons/LessonLifecycle';

/** The lifecycle states worth watching: each is reported, 0 when no lesson is in it. */
const WATCHED = ['open', 'live', 'research'] as const;

/** Current lessons by lifecycle state. */
export async function lessonsByState(
  lifecycle: Pick<LessonLifecycle, 'current'>,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = Object.fromEntries(WATCHED.map((s) => [s, 0]));
  for (const r of await lifecycle.current([...WATCHED]))
    counts[r.state] = (counts[r.state] ?? 0) + 1;
  return counts;
}

export interface MetricsOptions {
  pool: WorkerPool;
  rooms: LiveRooms<SfuPorts>;
  /** the lesson clock, whose current lessons are counted by state */
  lifecycle: Pick<LessonLifecycle, 'current'>;
  /** the pool's sampling period, to turn CPU milliseconds into a percentage */
  samplePeriodMs?: number;
}

const isLoopback = (ip: string) =>
  ip === '::1' || ip.startsWith('127.') || ip === '::ffff:127.0.0.1';

export const metricsRoutes: FastifyPluginAsync<MetricsOptions> = async (app, options) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tongke_process_' });
  const period = options.samplePeriodMs ?? 2000;

  new Gauge({
    name: 'tongke_mediasoup_workers',
    help: 'Live mediasoup workers',
    registers: [registry],
    collect() {
      this.set(options.pool.slots.filter((s) => !s.worker.closed).length);
    },
  });
  new Gauge({
    name: 'tongke_worker_cpu_percent',
    help: 'CPU of each mediasoup worker over the last sampling period, % of a core',
    labelNames: ['worker'],
    registers: [registry],
    collect() {
      for (const slot of options.pool.slots) {
        this.set({ worker: String(slot.index) }, (slot.recentCpuMs / period) * 100);
      }
    },
  });
  new Gauge({
    name: 'tongke_rooms',
    help: 'Live rooms by kind',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.reset();
      for (const room of options.rooms.all) this.inc({ kind: room.kind });
    },
  });
  new Gauge({
    name: 'tongke_participants',
    help: 'Participants in live rooms by role',
    labelNames: ['role'],
    registers: [registry],
    collect() {
      this.reset();
      for (const room of options.rooms.all) {
        for (const p of room.participants.values()) this.inc({ role: p.role });
      }
    },
  });
  new Gauge({
    name: 'tongke_consumers',
    help: 'Media consumers (one receiver of one track) across all rooms',
    registers: [registry],
    collect() {
      let n = 0;
      for (const room of options.rooms.all) {
        for (const p of room.participants.values()) n += p.media?.consumers.size ?? 0;
      }
      this.set(n);
    },
  });
  new Gauge({
    name: 'tongke_lessons',
    help: 'Lessons by lifecycle state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [state, n] of Object.entries(await lessonsByState(options.lifecycle))) {
        this.set({ state }, n);
      }
    },
  });

  app.get(
    '/metrics',
    {
      // Outside the REST budget (a scraper behind a flooded NAT), still restricted below.
      config: { rateLimit: false },
      schema: { tags: ['system'], summary: 'Prometheus metrics' },
      // For the machine's own scraper, or a coordinator / observer with a token.
      preHandler: async (request, reply) => {
        if (isLoopback(request.ip)) return;
        const role = request.principal?.role;
        if (role === 'coordinator' || role === 'observer') return;
        return reply
          .code(request.principal ? 403 : 401)
          .send({ error: 'forbidden', message: 'metrics are for the server and its staff' });
      },
    },
    async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
};
