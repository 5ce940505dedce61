// A classroom whose network lets nothing out but TURN: with time-limited credentials from
// the server, its media goes through a real coturn relay and it still sees the teacher.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { startTurn, type TurnServer } from '../../helpers/turnServer';

describe('media through a TURN relay', () => {
  let turn: TurnServer;
  let server: TestServer;
  const peers: LivePeer[] = [];

  beforeAll(async () => {
    turn = await startTurn();
    server = await startTongke({ turnUrls: turn.url, turnSecret: turn.secret });
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await server?.close();
    await turn?.stop();
  });

  it('hands out TURN credentials and relays a relay-only classroom', async () => {
    const join = { roomId: 'relay', roomCode: 'relay123' };
    const teacher = await livePeer(
      server.url,
      { ...join, displayName: '钱老师', role: 'teacher' },
      { camera: { width: 640, height: 360 } },
    );
    peers.push(teacher);
    expect(teacher.client.session!.iceServers).toEqual([
      {
        urls: [turn.url],
        username: expect.stringMatching(/^\d+:/),
        credential: expect.any(String),
      },
    ]);
    const classroom = await livePeer(
      server.url,
      { ...join, displayName: '山区教学点', role: 'classroom' },
      {},
      { iceTransportPolicy: 'relay' },
    );
    peers.push(classroom);
    const camera = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera');
    await camera.video!.waitFor(10);

    // The SFU sees the classroom's receive transport coming from coturn's relay ports.
    const serverSide = [...server.tongke.rooms.get('relay')!.participants.values()].find(
      (p) => p.role === 'classroom',
    )!;
    const recv = [...serverSide.media!.transports.values()].find(
      (t) => t.appData.direction === 'recv',
    )!;
    const tuple = recv.iceSelectedTuple!;
    expect(tuple.remotePort).toBeGreaterThanOrEqual(turn.relayPorts.min);
    expect(tuple.remotePort).toBeLessThanOrEqual(turn.relayPorts.max);
  });
});
