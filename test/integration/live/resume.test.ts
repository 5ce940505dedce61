// A dropped signaling connection (a network blip): the client takes its session back on a
// new connection — same session, same transports, same consumers — and media never stops
// being relayed. A session nobody resumes ends after the grace period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

describe('resuming a session after a dropped connection', () => {
  let server: TestServer;
  let teacher: LivePeer;
  let classroom: LivePeer;

  beforeAll(async () => {
    server = await startTongke({}, { resumeGraceMs: 1500 });
    const join = { roomId: 'blip', roomCode: 'blip1234' };
    teacher = await livePeer(
      server.url,
      { ...join, displayName: '孙老师', role: 'teacher' },
      { camera: { width: 640, height: 360 } },
    );
    classroom = await livePeer(
      server.url,
      { ...join, displayName: '六(1)班', role: 'classroom' },
      { camera: { width: 640, height: 360 } },
    );
  });

  afterAll(async () => {
    await teacher?.stop();
    await classroom?.stop();
    await server?.close();
  });

  const serverSide = () =>
    [...server.tongke.rooms.get('blip')!.participants.values()].find(
      (p) => p.role === 'classroom',
    )!;

  it('keeps the session, its transports and its consumers', async () => {
    const camera = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera');
    await camera.video!.waitFor(5);
    const before = serverSide();
    const transports = [...before.media!.transports.keys()].sort();
    const states: string[] = [];
    classroom.client.on('state', (s) => states.push(s));

    before.connection.socket.conn.close(); // the connection drops under the client

    await expect.poll(() => states, { timeout: 10_000 }).toContain('reconnecting');
    await expect.poll(() => classroom.client.state, { timeout: 15_000 }).toBe('joined');
    const after = serverSide();
    expect(after).toBe(before);
    expect(classroom.client.session!.sessionId).toBe(before.sessionId);
    expect([...after.media!.transports.keys()].sort()).toEqual(transports);
    // The same consumer keeps delivering frames: nothing was torn down.
    const same = classroom.received.get(`${teacher.client.session!.peerId}:camera`)!;
    expect(same.remote.consumerId).toBe(camera.remote.consumerId);
    await same.video!.waitFor(10);
    // …and the teacher still receives the classroom.
    const back = await teacher.waitForTrack(after.peerId, 'camera');
    await back.video!.waitFor(5);
  });

  it('ends a session nobody resumes within the grace period', async () => {
    const raw = io(`${server.url}/live`, { transports: ['websocket'], reconnection: false });
    await new Promise((r) => raw.once('connect', () => r(undefined)));
    const reply = (await raw.timeout(5000).emitWithAck('join', {
      roomId: 'blip',
      roomCode: 'blip1234',
      displayName: '七(1)班',
      role: 'classroom',
    })) as { ok: boolean; data: { peerId: string } };
    expect(reply.ok).toBe(true);
    const left = new Promise<string>((resolve) =>
      teacher.client.on('peers', (peers) => {
        if (!peers.some((p) => p.peerId === reply.data.peerId)) resolve(reply.data.peerId);
      }),
    );
    raw.disconnect();
    // Still in the room during the grace period…
    expect(server.tongke.rooms.get('blip')!.participants.has(reply.data.peerId)).toBe(true);
    // …and gone after it.
    expect(await left).toBe(reply.data.peerId);
  });
});
