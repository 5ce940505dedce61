// A school firewall that lets no UDP through: the classroom reaches the worker's
// WebRtcServer over its TCP port (one per worker, the firewall's only other opening) and
// receives the teacher as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { cutPort, type NetworkCut } from '../../helpers/networkCut';

describe('a classroom behind a firewall that drops UDP', () => {
  let server: TestServer;
  const peers: LivePeer[] = [];
  let cut: NetworkCut | undefined;

  beforeAll(async () => {
    server = await startTongke({ numWorkers: 1 });
  });

  afterAll(async () => {
    cut?.restore();
    await Promise.all(peers.map((p) => p.stop()));
    await server?.close();
  });

  it('gets its media over ICE-TCP on the same port', async () => {
    const join = { roomId: 'tcp', roomCode: 'tcp12345' };
    const teacher = await livePeer(
      server.url,
      { ...join, displayName: '黄老师', role: 'teacher' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    peers.push(teacher);
    const { udpSockets } = await server.tongke.pool.slots[0]!.webRtcServer.dump();
    // From now on UDP to the port is dropped for every peer on this host, the teacher's
    // running transport included (she heals by ICE restart); the classroom starts on TCP.
    cut = cutPort(udpSockets[0]!.port, ['udp']);

    const classroom = await livePeer(server.url, {
      ...join,
      displayName: '大山小学 三(1)班',
      role: 'classroom',
    });
    peers.push(classroom);
    const camera = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera', 30_000);
    await camera.video!.waitFor(10, undefined, 30_000);
    const mic = await classroom.waitForTrack(teacher.client.session!.peerId, 'mic');
    await mic.audio!.waitForSound(10);

    const serverSide = [...server.tongke.rooms.get('tcp')!.participants.values()].find(
      (p) => p.role === 'classroom',
    )!;
    const recv = [...serverSide.media!.transports.values()].find(
      (t) => t.appData.direction === 'recv',
    )!;
    expect(recv.iceSelectedTuple).toMatchObject({ protocol: 'tcp' });
  });
});
