import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';

describe('REST rate limit per client address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTongke({ httpRequestsPerMinute: 10 });
  });
  afterAll(() => server?.close());

  it('answers 429 past the limit, and says when to come back', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await fetch(`${server.url}/health`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    const refused = await fetch(`${server.url}/health`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
