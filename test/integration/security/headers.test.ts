// Security headers on the API and the screens, and request bodies held to their limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';

describe('HTTP hardening', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTongke();
  });
  afterAll(() => server?.close());

  it('sends the security headers on every answer, errors included', async () => {
    for (const path of ['/health', '/api/auth/me', '/teacher/', '/no-such-page']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain('media-src');
      expect(csp, path).toContain('mediastream:');
    }
  });

  it('refuses a body past the limit with 413', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'x', password: 'y'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'FST_ERR_CTP_BODY_TOO_LARGE' });
  });
});
