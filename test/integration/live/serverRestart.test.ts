// A server restart: every client notices, reconnects and rejoins by itself, and media flows
// again, with nobody touching the classroom PC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/freePort';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

describe('server restart', () => {
  let server: TestServer;
  let port: number;
  let teacher: LivePeer;
  let classroom: LivePeer;

  beforeAll(async () => {
    port = await freePort();
    server = await startTongke({ port });
    const join = { roomId: 'restart', roomCode: 'rest1234' };
    teacher = await livePeer(
      server.url,
      { ...join, displayName: '周老师', role: 'teacher' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    classroom = await livePeer(server.url, { ...join, displayName: '四(2)班', role: 'classroom' });
  });

  afterAll(async () => {
    await teacher?.stop();
    await classroom?.stop();
    await server?.close();
  });

  it('clients rejoin the new server by themselves and decode the teacher again', async () => {
    const before = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera');
    await before.video!.waitFor(5);
    const oldSession = classroom.client.session!.sessionId;

    await server.close();
    await expect.poll(() => classroom.client.state, { timeout: 10_000 }).toBe('reconnecting');
    server = await startTongke({ port });

    await expect.poll(() => classroom.client.state, { timeout: 30_000 }).toBe('joined');
    await expect.poll(() => teacher.client.state, { timeout: 30_000 }).toBe('joined');
    expect(classroom.client.session!.sessionId).not.toBe(oldSession);
    const after = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera', 30_000);
    await after.video!.waitFor(10);
  });
});
