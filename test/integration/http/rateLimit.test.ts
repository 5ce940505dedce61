import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';

describe('REST rate limit per client address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTongke({ httpRequestsPerMinute: 10 });
  });
  afterAll(() => server?.close());

  it('answers 429 rate_limited past the limit, and says when to come back', async () => {
    const statuses: number[] = [];
    const url = `${server.url}/api/auth/me`;
    for (let i = 0; i < 10; i++) statuses.push((await fetch(url)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const refused = await fetch(url);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: 'rate_limited' });
  });

  it('leaves /health and /metrics outside the budget', async () => {
    for (let i = 0; i < 15; i++) expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
  });
});
