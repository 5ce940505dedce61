// Failures that must heal by themselves: a killed mediasoup worker; a room that outgrows
// its router and is piped to another worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

describe('a killed worker is replaced and the lesson heals by itself', () => {
  let server: TestServer;
  let teacher: LivePeer;
  let classroom: LivePeer;

  beforeAll(async () => {
    server = await startTongke({ numWorkers: 1 });
    const join = { roomId: 'heal', roomCode: 'heal1234' };
    teacher = await livePeer(
      server.url,
      { ...join, displayName: '张老师', role: 'teacher' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    classroom = await livePeer(
      server.url,
      { ...join, displayName: '下林小学 四(1)班', role: 'classroom' },
      { camera: { width: 640, height: 360 } },
    );
  });

  afterAll(async () => {
    await teacher?.stop();
    await classroom?.stop();
    await server?.close();
  });

  it('receives teacher frames again after SIGKILL of the worker', async () => {
    const first = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera');
    await first.video!.waitFor(5);
    const oldPid = server.tongke.pool.slots[0]!.worker.pid;
    const session = classroom.client.session!.sessionId;
    await teacher.client.setStage(classroom.client.session!.peerId);
    const states: string[] = [];
    classroom.client.on('state', (s) => states.push(s));

    process.kill(oldPid, 'SIGKILL');

    await expect
      .poll(() => server.tongke.pool.slots[0]!.worker.pid, { timeout: 15_000 })
      .not.toBe(oldPid);
    await expect.poll(() => states.includes('reconnecting'), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => classroom.client.state, { timeout: 20_000 }).toBe('joined');
    await expect.poll(() => teacher.client.state, { timeout: 20_000 }).toBe('joined');
    // The room was rebuilt in place: same sessions, the classroom still on stage.
    expect(classroom.client.session!.sessionId).toBe(session);
    expect(server.tongke.rooms.get('heal')!.stagePeerId).toBe(classroom.client.session!.peerId);
    // New media: the classroom decodes the teacher again, and back.
    const again = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera', 20_000);
    expect(again.remote.consumerId).not.toBe(first.remote.consumerId);
    await again.video!.waitFor(10);
    const back = await teacher.waitForTrack(classroom.client.session!.peerId, 'camera', 20_000);
    await back.video!.waitFor(5);
  });
});

describe('a room that outgrows its router is piped to another worker', () => {
  let server: TestServer;
  const peers: LivePeer[] = [];

  beforeAll(async () => {
    // A router takes 10 consumers here, so the third classroom lands on a second worker.
    server = await startTongke({ numWorkers: 2, consumersPerRouter: 10 });
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await server?.close();
  });

  it('relays the teacher to classrooms on both workers', async () => {
    const join = { roomId: 'big', roomCode: 'big12345' };
    const teacher = await livePeer(
      server.url,
      { ...join, displayName: '陈老师', role: 'teacher' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    peers.push(teacher);
    for (const n of [1, 2, 3]) {
      peers.push(
        await livePeer(server.url, { ...join, displayName: `教室${n}`, role: 'classroom' }),
      );
    }
    const room = await server.tongke.rooms.get('big')!.mediaRoom();
    expect(room.routers.length).toBe(2);
    const workers = new Set(room.routers.map((r) => server.tongke.pool.slotOf(r)?.index));
    expect(workers.size).toBe(2);
    for (const classroom of peers.slice(1)) {
      const camera = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera');
      await camera.video!.waitFor(5);
      const mic = await classroom.waitForTrack(teacher.client.session!.peerId, 'mic');
      await mic.audio!.waitForSound(10);
    }
  });
});

describe('a room that outgrows its router on a one-worker server', () => {
  let server: TestServer;
  const peers: LivePeer[] = [];

  beforeAll(async () => {
    server = await startTongke({ numWorkers: 1, consumersPerRouter: 10 });
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await server?.close();
  });

  it('overfills its one router instead of piping within the worker', async () => {
    const join = { roomId: 'one', roomCode: 'one12345' };
    const teacher = await livePeer(
      server.url,
      { ...join, displayName: '郑老师', role: 'teacher' },
      { camera: { width: 640, height: 360 } },
    );
    peers.push(teacher);
    const classrooms = await Promise.all(
      [1, 2, 3].map((n) =>
        livePeer(server.url, { ...join, displayName: `教室${n}`, role: 'classroom' }),
      ),
    );
    peers.push(...classrooms);
    expect((await server.tongke.rooms.get('one')!.mediaRoom()).routers).toHaveLength(1);
    for (const classroom of classrooms) {
      const camera = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera');
      await camera.video!.waitFor(5);
    }
  });
});
