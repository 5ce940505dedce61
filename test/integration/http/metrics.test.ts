// /metrics for the district's monitoring: workers, rooms, people and consumers as they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

describe('GET /metrics', () => {
  let server: TestServer;
  const peers: LivePeer[] = [];

  beforeAll(async () => {
    server = await startTongke();
    const join = { roomId: 'm', roomCode: 'metrics1' };
    peers.push(
      await livePeer(
        server.url,
        { ...join, displayName: '刘老师', role: 'teacher' },
        { camera: { width: 320, height: 180 } },
      ),
    );
    peers.push(await livePeer(server.url, { ...join, displayName: '一(1)班', role: 'classroom' }));
    await peers[1]!.waitForTrack(peers[0]!.client.session!.peerId, 'camera');
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await server?.close();
  });

  it('reports the live state to the machine’s own scraper', async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^tongke_mediasoup_workers 1$/m);
    expect(text).toMatch(/^tongke_rooms\{kind="lesson"\} 1$/m);
    expect(text).toMatch(/^tongke_participants\{role="teacher"\} 1$/m);
    expect(text).toMatch(/^tongke_participants\{role="classroom"\} 1$/m);
    expect(Number(/^tongke_consumers (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^tongke_worker_cpu_percent\{worker="0"\} [\d.]+$/m);
  });

  it('refuses other addresses without a staff token', async () => {
    const res = await server.tongke.http.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '198.51.100.7',
    });
    expect(res.statusCode).toBe(401);
  });
});
