// A seeded fuzz run: random payloads to every socket request and every REST route. No 5xx,
// no unanswered request, no crash, and a normal lesson runs on the same server afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { requests } from '../../../shared/signaling/events';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { randomJson, seeded } from './support/fuzz';

const SEED = 20260512;
const REST_REQUESTS = 2400;
const SOCKET_REQUESTS = 2400;

/** A random value as a path segment (a lone surrogate cannot be encoded: then `x`). */
function encoded(value: unknown): string {
  try {
    return encodeURIComponent(String(value).slice(0, 60)) || 'x';
  } catch {
    return 'x';
  }
}

async function connect(url: string): Promise<Socket> {
  const socket = io(`${url}/live`, { transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

describe(`fuzz (seed ${SEED})`, () => {
  let s: LessonServer;
  const peers: LivePeer[] = [];
  const rand = seeded(SEED);

  beforeAll(async () => {
    s = await startLessonServer({ httpRequestsPerMinute: 1_000_000 });
  });
  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
  });

  it('answers every REST route with no 5xx', async () => {
    const doc = (await (await s.api('/api/docs/json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => ({ path, method: m.toUpperCase() })),
    );
    const tokens = [undefined, s.tokens.coordinator, s.tokens.wang, s.tokens.observer];
    const failures: string[] = [];
    const one = async () => {
      const route = routes[Math.floor(rand() * routes.length)]!;
      const url = route.path.replace(/\{[^}]+\}/g, () => encoded(randomJson(rand, 0)));
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries((randomJson(rand, 1) as object) ?? {})) {
        query.set(k, decodeURIComponent(encoded(v)));
      }
      const hasBody = !['GET', 'HEAD', 'DELETE'].includes(route.method);
      const res = await s.api(`${url}?${query}`, {
        method: route.method,
        token: tokens[Math.floor(rand() * tokens.length)],
        ...(hasBody ? { body: JSON.stringify(randomJson(rand)) } : {}),
      });
      await res.arrayBuffer();
      if (res.status >= 500) failures.push(`${route.method} ${url} → ${res.status}`);
    };
    for (let i = 0; i < REST_REQUESTS; i += 8) await Promise.all(Array.from({ length: 8 }, one));
    expect(failures).toEqual([]);
  });

  it('answers every socket request, joined or not, with no internal error', async () => {
    const names = Object.keys(requests);
    const sockets = await Promise.all(Array.from({ length: 24 }, () => connect(s.url)));
    // Half of them in a room, so the handlers past "join first" are reached too.
    for (const socket of sockets.slice(0, 12)) {
      const joined = await socket.timeout(5000).emitWithAck('join', {
        roomId: 'fuzz-room',
        roomCode: 'fuzzcode1',
        displayName: 'fuzz',
      });
      expect(joined.ok).toBe(true);
    }
    const problems: string[] = [];
    const perSocket = SOCKET_REQUESTS / sockets.length;
    // 40 a second per socket: under the per-socket budget (50), so every payload is judged.
    await Promise.all(
      sockets.map(async (socket) => {
        for (let i = 0; i < perSocket; i += 20) {
          const started = performance.now();
          const batch = Array.from({ length: 20 }, async () => {
            const name = rand() < 0.05 ? `nope${i}` : names[Math.floor(rand() * names.length)]!;
            if (name === 'leave' || name === 'join' || name === 'resume') return;
            const reply = (await socket
              .timeout(5000)
              .emitWithAck(name, randomJson(rand))
              .catch(() => ({ timeout: true }))) as {
              ok?: boolean;
              timeout?: boolean;
              error?: { code: string; message: string };
            };
            if (reply.timeout) problems.push(`${name}: no answer`);
            else if (!reply.ok && reply.error?.code === 'internal')
              problems.push(`${name}: internal ${reply.error.message}`);
          });
          await Promise.all(batch);
          const wait = 500 - (performance.now() - started);
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
      }),
    );
    for (const socket of sockets) socket.disconnect();
    expect(problems).toEqual([]);
  });

  it('still serves a normal lesson afterwards', async () => {
    expect((await s.api('/health')).status).toBe(200);
    const teacher = await livePeer(
      s.url,
      { roomId: 'after-fuzz', roomCode: 'afterfuzz1', role: 'teacher', displayName: '王老师' },
      { camera: { width: 320, height: 180 } },
    );
    peers.push(teacher);
    const classroom = await livePeer(s.url, {
      roomId: 'after-fuzz',
      roomCode: 'afterfuzz1',
      displayName: '三(1)班',
    });
    peers.push(classroom);
    const camera = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera');
    await new Promise((r) => setTimeout(r, 1500));
    expect(camera.video!.frames).toBeGreaterThan(10);
  });
});
