// A live lesson end to end in Node: real server, real mediasoup worker, real WebRTC peers
// (wrtc) speaking the same client protocol as the browser screens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

const roomId = 'lesson-math-7a';
const roomCode = 'tongke42';

describe('live lesson: one teacher, two member classrooms', () => {
  let server: TestServer;
  let teacher: LivePeer;
  let east: LivePeer;
  let west: LivePeer;

  beforeAll(async () => {
    server = await startTongke({ numWorkers: 1 });
    teacher = await livePeer(
      server.url,
      { roomId, roomCode, displayName: '王老师', role: 'teacher' },
      { camera: { width: 1280, height: 720 }, mic: true },
    );
    east = await livePeer(
      server.url,
      { roomId, roomCode, displayName: '潘山分校 三(1)班', role: 'classroom' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    west = await livePeer(
      server.url,
      { roomId, roomCode, displayName: '塘下镇第二小学 三(2)班', role: 'classroom' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
  });

  afterAll(async () => {
    await Promise.all([teacher, east, west].map((p) => p?.stop()));
    await server?.close();
  });

  const teacherId = () => teacher.client.session!.peerId;

  it('each classroom decodes the teacher’s simulcast camera and hears her', async () => {
    for (const classroom of [east, west]) {
      const camera = await classroom.waitForTrack(teacherId(), 'camera');
      expect(camera.remote.type).toBe('simulcast');
      await camera.video!.waitFor(10);
      // Whatever layer the bandwidth estimate allows so far, it is one the teacher sends.
      expect([320, 640, 1280]).toContain(camera.video!.width);
      expect(camera.video!.height).toBe((camera.video!.width * 9) / 16);
      const mic = await classroom.waitForTrack(teacherId(), 'mic');
      await mic.audio!.waitForSound(20);
    }
  });

  it('the teacher receives both classrooms’ video and audio', async () => {
    for (const classroom of [east, west]) {
      const id = classroom.client.session!.peerId;
      const camera = await teacher.waitForTrack(id, 'camera');
      // A tile on the teacher's wall starts on the low layer.
      await camera.video!.waitFor(5, { width: 320, height: 180 });
      const mic = await teacher.waitForTrack(id, 'mic');
      await mic.audio!.waitForSound(20);
    }
  });

  it('a classroom never receives another classroom unless it is on stage', () => {
    const westId = west.client.session!.peerId;
    const eastId = east.client.session!.peerId;
    expect(east.received.has(`${westId}:mic`)).toBe(false);
    expect(east.received.has(`${westId}:camera`)).toBe(false);
    expect(west.received.has(`${eastId}:mic`)).toBe(false);
  });

  it('the preferred layer a classroom asks for is the resolution it decodes', async () => {
    const camera = await east.waitForTrack(teacherId(), 'camera');
    await east.client.setConsumerPrefs(camera.remote.consumerId, {
      visible: true,
      spatialLayer: 0,
    });
    await camera.video!.waitFor(5, { width: 320, height: 180 });
    await east.client.setConsumerPrefs(camera.remote.consumerId, {
      visible: true,
      spatialLayer: 1,
    });
    // Up one layer, once the downlink policy has seen the link carry it (a probe window;
    // on a loaded machine a probe may fail on delay and wait 10 s before the next).
    await camera.video!.waitFor(5, { width: 640, height: 360 }, 45_000);
  }, 60_000);

  it('a hidden tile is paused: no frames arrive until it is shown again', async () => {
    const camera = await west.waitForTrack(teacherId(), 'camera');
    await west.client.setConsumerPrefs(camera.remote.consumerId, { visible: false });
    await new Promise((r) => setTimeout(r, 500)); // frames in flight drain
    const before = camera.video!.frames;
    await new Promise((r) => setTimeout(r, 1000));
    expect(camera.video!.frames - before).toBeLessThanOrEqual(1);
    await west.client.setConsumerPrefs(camera.remote.consumerId, {
      visible: true,
      spatialLayer: 0,
    });
    await camera.video!.waitFor(5);
  });

  it('on stage, a classroom is heard and seen by the other; off stage, no longer', async () => {
    const westId = west.client.session!.peerId;
    await west.client.raiseHand(true);
    await expect
      .poll(() => teacher.client.peers.find((p) => p.peerId === westId)?.handRaised)
      .toBe(true);

    await teacher.client.setStage(westId);
    const mic = await east.waitForTrack(westId, 'mic');
    await mic.audio!.waitForSound(20);
    const camera = await east.waitForTrack(westId, 'camera');
    await camera.video!.waitFor(5);
    // Putting a classroom on stage lowers its hand.
    expect(teacher.client.peers.find((p) => p.peerId === westId)?.handRaised).toBe(false);

    await teacher.client.setStage(null);
    await expect.poll(() => east.received.has(`${westId}:mic`)).toBe(false);
    expect(east.received.has(`${westId}:camera`)).toBe(false);
    // The teacher still hears the classroom.
    expect(teacher.received.has(`${westId}:mic`)).toBe(true);
  });

  it('chat reaches every room of the lesson', async () => {
    const seen = new Promise<string>((resolve) =>
      teacher.client.on('chat', (m) => resolve(m.text)),
    );
    await east.client.sendChat('老师，我们听得很清楚');
    expect(await seen).toBe('老师，我们听得很清楚');
  });

  it('the teacher sees each classroom’s connection quality', async () => {
    const samples = await new Promise<{ peerId: string; recvBitrate: number }[]>((resolve) =>
      teacher.client.on('quality', resolve),
    );
    const eastSample = samples.find((s) => s.peerId === east.client.session!.peerId);
    expect(eastSample).toBeDefined();
    expect(eastSample!.recvBitrate).toBeGreaterThan(0);
  });
});
