// 2,000 signaling connections from one address (127.0.0.2, a script behind one NAT) while a
// lesson runs on the same node from another: the address limit refuses the excess at the
// handshake, cheaply, and the lesson relays on without a lost packet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

const FLOOD = 2000;
const LIMIT = 200;

/** One raw engine.io WebSocket from the flooding address: resolves open or refused. */
function floodSocket(url: string): Promise<{ ws: WebSocket; open: boolean }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    localAddress: '127.0.0.2',
  });
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ ws, open: true }));
    ws.once('error', () => resolve({ ws, open: false }));
    ws.once('unexpected-response', () => resolve({ ws, open: false }));
  });
}

describe('a connection flood from one address', () => {
  let server: TestServer;
  const peers: LivePeer[] = [];
  const flood: WebSocket[] = [];

  beforeAll(async () => {
    server = await startTongke({ socketsPerAddress: LIMIT });
  });
  afterAll(async () => {
    for (const ws of flood) ws.terminate();
    await Promise.all(peers.map((p) => p.stop()));
    await server?.close();
  });

  it('is refused past the limit while the lesson on the node loses nothing', async () => {
    const join = { roomId: 'flood-lesson', roomCode: 'floodcode1' };
    const teacher = await livePeer(
      server.url,
      { ...join, role: 'teacher', displayName: '王老师' },
      { camera: { width: 320, height: 180 }, mic: true },
    );
    peers.push(teacher);
    const classroom = await livePeer(server.url, { ...join, displayName: '三(1)班' });
    peers.push(classroom);
    const teacherId = teacher.client.session!.peerId;
    const camera = await classroom.waitForTrack(teacherId, 'camera');
    await new Promise((r) => setTimeout(r, 1000));

    const room = server.tongke.rooms.get('flood-lesson')!;
    const producers = [...room.participants.values()].flatMap((p) => [
      ...(p.media?.producers.values() ?? []),
    ]);
    const lost = async () => {
      let total = 0;
      for (const producer of producers) {
        for (const stat of await producer.getStats()) total += stat.packetsLost ?? 0;
      }
      return total;
    };
    const lostBefore = await lost();
    const framesBefore = camera.video!.frames;
    const started = performance.now();

    const results: { ws: WebSocket; open: boolean }[] = [];
    for (let i = 0; i < FLOOD; i += 100) {
      results.push(
        ...(await Promise.all(Array.from({ length: 100 }, () => floodSocket(server.url)))),
      );
    }
    const floodMs = performance.now() - started;
    for (const r of results) flood.push(r.ws);
    const opened = results.filter((r) => r.open).length;

    await new Promise((r) => setTimeout(r, 1000));
    const seconds = (performance.now() - started) / 1000;
    const fps = (camera.video!.frames - framesBefore) / seconds;
    console.warn(
      `flood: ${FLOOD} attempts in ${Math.round(floodMs)} ms, ${opened} opened, ` +
        `${FLOOD - opened} refused; lesson at ${fps.toFixed(1)} fps during it`,
    );
    expect(opened).toBe(LIMIT);
    expect(server.tongke.io.engine.clientsCount).toBeLessThanOrEqual(LIMIT + 2);
    expect(await lost()).toBe(lostBefore);
    expect(fps).toBeGreaterThan(24);
    expect(teacher.client.state).toBe('joined');
    expect(classroom.client.state).toBe('joined');
  });
});
