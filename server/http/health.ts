import type { FastifyPluginAsync } from 'fastify';
import { HealthReply } from '../../shared/system';
import type { WorkerPool } from '../media/WorkerPool';
import type { Store } from '../store/Store';

export interface HealthOptions {
  pool: WorkerPool;
  store: Store;
}

export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { pool, store }) => {
  app.get(
    '/health',
    // A monitor behind the same address as a flood still sees the truth.
    { config: { rateLimit: false }, schema: { tags: ['system'], response: { 200: HealthReply } } },
    async () => ({
      status: 'ok' as const,
      workers: pool.slots.filter((s) => !s.worker.closed).length,
      store: store.kind,
      uptimeSeconds: Math.round(process.uptime()),
    }),
  );
};
