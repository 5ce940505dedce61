// A classroom's media path drops for 8 s (nftables on the worker's port; the signaling
// socket stays up): the receive transport goes "disconnected", and when the path is back
// the same session, on the same transports, receives the teacher again: no rejoin, no new
// transports. (ICE consent recovers a short cut by itself; the client restarts ICE only if
// the transport is still down 1.5 s after "disconnected", or at once on "failed".)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { cutPort, type NetworkCut } from '../../helpers/networkCut';

describe('a network cut heals by ICE restart', () => {
  let server: TestServer;
  let teacher: LivePeer;
  let classroom: LivePeer;
  let cut: NetworkCut | undefined;

  beforeAll(async () => {
    server = await startTongke();
    const join = { roomId: 'cut', roomCode: 'cut12345' };
    teacher = await livePeer(
      server.url,
      { ...join, displayName: '吴老师', role: 'teacher' },
      { camera: { width: 640, height: 360 } },
    );
    classroom = await livePeer(server.url, { ...join, displayName: '五(1)班', role: 'classroom' });
  });

  afterAll(async () => {
    cut?.restore();
    await teacher?.stop();
    await classroom?.stop();
    await server?.close();
  });

  it('resumes the same session after the cut', async () => {
    const camera = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera');
    await camera.video!.waitFor(5);
    const session = classroom.client.session!.sessionId;
    const { udpSockets } = await server.tongke.pool.slots[0]!.webRtcServer.dump();
    const port = udpSockets[0]!.port;
    const serverSide = [...server.tongke.rooms.get('cut')!.participants.values()].find(
      (p) => p.role === 'classroom',
    )!;
    const transportIds = () => [...serverSide.media!.transports.keys()].sort();
    const before = transportIds();

    const states: string[] = [];
    classroom.client.on('transportState', (t) => states.push(`${t.direction}:${t.state}`));
    cut = cutPort(port);
    await new Promise((r) => setTimeout(r, 1000));
    const frozenAt = camera.video!.frames;
    await new Promise((r) => setTimeout(r, 7000));
    expect(camera.video!.frames - frozenAt).toBeLessThanOrEqual(2);
    // The cut lasts until the client has seen its transport down (ICE consent: a few
    // seconds, later on a loaded machine whose timers run late).
    await expect
      .poll(() => states.some((x) => /^recv:(disconnected|failed)$/.test(x)), { timeout: 20_000 })
      .toBe(true);
    cut.restore();

    await camera.video!.waitFor(10, undefined, 30_000);
    expect(classroom.client.session!.sessionId).toBe(session);
    expect(transportIds()).toEqual(before);
    expect(states).toContain('recv:disconnected');
    expect(classroom.client.state).toBe('joined');
  }, 90_000);
});
