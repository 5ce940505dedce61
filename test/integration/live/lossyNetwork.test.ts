// A rural uplink that loses one packet in ten (nftables, at random, both directions): the
// lesson goes on both ways — NACKs recover what video lost — and the teacher's view of the
// classroom's connection says it is lossy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeerQuality } from '../../../shared/signaling/events';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { lossyPort, type NetworkCut } from '../../helpers/networkCut';

describe('a lesson over a lossy network', () => {
  let server: TestServer;
  const peers: LivePeer[] = [];
  let loss: NetworkCut | undefined;

  beforeAll(async () => {
    server = await startTongke({ numWorkers: 1 });
  });

  afterAll(async () => {
    loss?.restore();
    await Promise.all(peers.map((p) => p.stop()));
    await server?.close();
  });

  it('keeps decoding both ways and reports the loss to the teacher', async () => {
    const join = { roomId: 'lossy', roomCode: 'lossy123' };
    const teacher = await livePeer(
      server.url,
      { ...join, displayName: '何老师', role: 'teacher' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    peers.push(teacher);
    const classroom = await livePeer(
      server.url,
      { ...join, displayName: '山区教学点', role: 'classroom' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    peers.push(classroom);
    const samples: PeerQuality[] = [];
    teacher.client.on('quality', (q) => samples.push(...q));
    const teacherCamera = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera');
    const classroomCamera = await teacher.waitForTrack(classroom.client.session!.peerId, 'camera');
    await teacherCamera.video!.waitFor(5);

    const { udpSockets } = await server.tongke.pool.slots[0]!.webRtcServer.dump();
    loss = lossyPort(udpSockets[0]!.port, 10);

    // Decoding, not a frame rate: at 10 % loss each way the senders' loss-based estimate
    // halves their bitrate and wrtc's encoders drop to ~5 fps (measured 150 frames in 26 s),
    // slower still on a loaded machine.
    await teacherCamera.video!.waitFor(150, undefined, 60_000);
    await classroomCamera.video!.waitFor(100, undefined, 60_000);
    const mic = await classroom.waitForTrack(teacher.client.session!.peerId, 'mic');
    await mic.audio!.waitForSound(50);

    // The server asked for what was lost, and the teacher sees the classroom's uplink is lossy.
    const room = server.tongke.rooms.get('lossy')!;
    const serverTeacher = room.participants.get(teacher.client.session!.peerId)!;
    const camera = [...serverTeacher.media!.producers.values()].find(
      (p) => p.appData.source === 'camera',
    )!;
    const streams = await camera.getStats();
    expect(streams.reduce((n, s) => n + s.nackCount, 0)).toBeGreaterThan(0);
    expect(streams.reduce((n, s) => n + s.packetsLost, 0)).toBeGreaterThan(0);
    const classroomId = classroom.client.session!.peerId;
    await expect
      .poll(() => samples.some((q) => q.peerId === classroomId && q.lossFraction > 0), {
        timeout: 20_000,
      })
      .toBe(true);
  }, 180_000);
});
