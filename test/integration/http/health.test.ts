import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { startRedis, type RedisServer } from '../../helpers/redisServer';

describe('GET /health', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTongke({ numWorkers: 2 });
  });
  afterAll(() => server?.close());

  it('answers with the live worker count and the embedded store', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', workers: 2, store: 'sqlite' });
  });

  it('serves the OpenAPI document', async () => {
    const res = await fetch(`${server.url}/api/docs/json`);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/health']).toBeDefined();
  });
});

describe('GET /health on the Redis store', () => {
  let redis: RedisServer;
  let server: TestServer;

  beforeAll(async () => {
    redis = await startRedis();
    server = await startTongke({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await server?.close();
    await redis?.stop();
  });

  it('reports the redis store', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(await res.json()).toMatchObject({ status: 'ok', workers: 1, store: 'redis' });
  });
});
