// The teacher's hold on the classrooms' microphones, with real WebRTC peers (wrtc) through
// a real server and mediasoup worker: what she hears (energy of the decoded sound) and
// what the server forwards to her (RTP packets of her consumer), muted and allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { meterAudio, type EnergyMeter } from '../../helpers/wrtc';
import { LiveRoomError } from '../../../client/lib/LiveRoomClient';

const roomId = 'mic-controls';
const roomCode = 'mics4242';
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** mean square of a 440 Hz tone at 8000/32768 is ~0.03; silence decodes as ~0 */
const AUDIBLE = 1e-3;
const SILENT = 1e-5;

describe('mute for everyone and push-to-talk, enforced by the server', () => {
  let server: TestServer;
  let teacher: LivePeer;
  let east: LivePeer;
  let west: LivePeer;
  const meters = new Map<string, EnergyMeter & { stop(): void }>();

  const id = (p: LivePeer) => p.client.session!.peerId;

  /** What the server sent the teacher of this classroom's microphone so far (RTP packets). */
  const packetsTo = async (classroom: LivePeer): Promise<number> => {
    const room = server.tongke.rooms.get(roomId)!;
    const me = [...room.participants.values()].find((p) => p.role === 'teacher')!;
    let packets = 0;
    for (const consumer of me.media!.consumers.values()) {
      if (consumer.kind !== 'audio' || consumer.appData.peerId !== id(classroom)) continue;
      for (const s of await consumer.getStats()) {
        if (s.type === 'outbound-rtp') packets += s.packetCount;
      }
    }
    return packets;
  };

  /** What the teacher hears of each classroom over a stretch, and the packets forwarded. */
  const listen = async (ms = 1500) => {
    await delay(700); // let a change reach the ears (jitter buffer, fade out)
    const marks = new Map([...meters].map(([k, m]) => [k, m.mark()]));
    const before = { east: await packetsTo(east), west: await packetsTo(west) };
    await delay(ms);
    const energy = (p: LivePeer) => meters.get(id(p))!.since(marks.get(id(p))!);
    return {
      east: { energy: energy(east), packets: (await packetsTo(east)) - before.east },
      west: { energy: energy(west), packets: (await packetsTo(west)) - before.west },
    };
  };

  const micOf = (viewer: LivePeer, classroom: LivePeer) =>
    viewer.client.session?.controls?.mics.classrooms.find((c) => c.peerId === id(classroom));

  beforeAll(async () => {
    server = await startTongke({ numWorkers: 1 });
    teacher = await livePeer(
      server.url,
      { roomId, roomCode, displayName: '王老师', role: 'teacher' },
      { mic: true },
    );
    east = await livePeer(
      server.url,
      { roomId, roomCode, displayName: '潘山分校 三(1)班', role: 'classroom' },
      { mic: true },
    );
    west = await livePeer(
      server.url,
      { roomId, roomCode, displayName: '下林小学 三(2)班', role: 'classroom' },
      { mic: true },
    );
    for (const classroom of [east, west]) {
      const mic = await teacher.waitForTrack(id(classroom), 'mic');
      meters.set(id(classroom), meterAudio(mic.remote.track));
    }
  });

  afterAll(async () => {
    for (const m of meters.values()) m.stop();
    await Promise.all([teacher, east, west].map((p) => p?.stop()));
    await server?.close();
  });

  it('the teacher hears both classrooms to begin with', async () => {
    const heard = await listen();
    expect(heard.east.energy).toBeGreaterThan(AUDIBLE);
    expect(heard.west.energy).toBeGreaterThan(AUDIBLE);
    expect(heard.east.packets).toBeGreaterThan(30);
  });

  it('muted for everyone: no packet and no sound of it reaches her; the other goes on', async () => {
    await teacher.client.request('muteClassroom', { peerId: id(east), muted: true });
    const heard = await listen();
    console.log('muted east:', JSON.stringify(heard));
    expect(heard.east.packets).toBe(0);
    expect(heard.east.energy).toBeLessThan(SILENT);
    expect(heard.west.energy).toBeGreaterThan(AUDIBLE);
    // The classroom is told, and so is the teacher.
    expect(micOf(east, east)).toMatchObject({ teacherMuted: true, open: false });
    expect(micOf(teacher, east)).toMatchObject({ teacherMuted: true, open: false });
  });

  it('the classroom cannot lift the teacher’s mute, nor mute others, nor set the layout', async () => {
    const refused = await east.client.request('muteMic', { muted: false }).catch((e) => e);
    expect(refused).toBeInstanceOf(LiveRoomError);
    expect(refused).toMatchObject({ code: 'forbidden' });
    expect((refused as Error).message).toContain('主讲教师');
    await expect(
      east.client.request('muteClassroom', { peerId: id(west), muted: true }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(east.client.request('setLayout', { layout: 'courseware' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await listen(800)).east.packets).toBe(0);
  });

  it('after the teacher allows it, she hears it again', async () => {
    await teacher.client.request('muteClassroom', { peerId: id(east), muted: false });
    const heard = await listen();
    expect(heard.east.packets).toBeGreaterThan(30);
    expect(heard.east.energy).toBeGreaterThan(AUDIBLE);
    expect(micOf(east, east)).toMatchObject({ teacherMuted: false, open: true });
  });

  it('the 辅导教师 mutes and unmutes the room otherwise', async () => {
    await east.client.request('muteMic', { muted: true });
    expect((await listen(1000)).east.packets).toBe(0);
    await east.client.request('muteMic', { muted: false });
    expect((await listen(1000)).east.energy).toBeGreaterThan(AUDIBLE);
  });

  it('push-to-talk: a classroom is heard only while its button is held or on stage', async () => {
    await teacher.client.request('setPushToTalk', { on: true });
    let heard = await listen();
    console.log('push-to-talk, nobody holds:', JSON.stringify(heard));
    expect(heard.east.packets).toBe(0);
    expect(heard.west.packets).toBe(0);
    expect(heard.east.energy).toBeLessThan(SILENT);

    await east.client.request('talk', { talking: true });
    heard = await listen();
    expect(heard.east.energy).toBeGreaterThan(AUDIBLE);
    expect(heard.west.packets).toBe(0);
    await east.client.request('talk', { talking: false });
    expect((await listen(1000)).east.packets).toBe(0);

    await teacher.client.setStage(id(west));
    heard = await listen();
    expect(heard.west.energy).toBeGreaterThan(AUDIBLE);
    expect(heard.east.packets).toBe(0);
    await teacher.client.setStage(null);
    expect((await listen(1000)).west.packets).toBe(0);

    await teacher.client.request('setPushToTalk', { on: false });
    heard = await listen();
    expect(heard.east.energy).toBeGreaterThan(AUDIBLE);
    expect(heard.west.energy).toBeGreaterThan(AUDIBLE);
  });

  it('a classroom whose connection drops comes back to the current layout and mute', async () => {
    const room = server.tongke.rooms.get(roomId)!;
    const serverSide = [...room.participants.values()].find((p) => p.peerId === id(east))!;
    const layouts: string[] = [];
    east.client.on('layout', (l) => layouts.push(l.layout));
    serverSide.connection.socket.conn.close(); // the connection drops under the classroom
    // Changed while it is away: the pushes go to the dropped connection and are lost.
    await teacher.client.request('setLayout', { layout: 'side_by_side' });
    await teacher.client.request('muteClassroom', { peerId: id(east), muted: true });
    await expect.poll(() => east.client.state, { timeout: 15_000 }).toBe('reconnecting');
    await expect.poll(() => east.client.state, { timeout: 15_000 }).toBe('joined');
    // The same session, resumed: its reply carries the controls as the server holds them.
    expect(east.client.session!.sessionId).toBe(serverSide.sessionId);
    expect(east.client.session!.controls!.layout).toEqual({
      layout: 'side_by_side',
      cause: 'chosen',
    });
    expect(layouts).toContain('side_by_side');
    expect(micOf(east, east)).toMatchObject({ teacherMuted: true, open: false });
    expect((await listen(1000)).east.packets).toBe(0);
  });
});
