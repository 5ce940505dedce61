// A school's downlink budget in a real lesson (issue #14, "a district can cap a school"):
// a real mediasoup worker and wrtc peers on an open loopback link. The classroom whose
// school the coordinator capped at 400 kbit/s receives the teacher's camera at its lowest
// layer and, measured at the server's transport, under 400 kbit/s; a classroom of another
// school in the same lesson gets the highest layer the teacher sends. Changed mid-lesson over REST, the caps follow within
// seconds, with no rejoin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { types } from 'mediasoup';
import { teacherCameraEncodings } from '../../../shared/signaling/events';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { member } from '../../unit/timetable/support/world';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { cameraLikeVideo } from '../../helpers/cameraLike';
import type { SyntheticVideo } from '../../helpers/wrtc';
import type { MediaPeer } from '../../../server/media/MediaPeer';
import type { ReceptionNotice } from '../../../shared/signaling/reception';
import { receptionText } from '../../../client/classroom/receptionNotice';

const o = occurrence();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a school capped by its coordinator, in a live lesson', () => {
  let s: LessonServer;
  let camera: SyntheticVideo | undefined;
  const peers: LivePeer[] = [];
  const notices = new Map<string, ReceptionNotice[]>();

  const mediaOf = (classroomId: string): MediaPeer => {
    const room = s.tongke.rooms.get(o.occurrenceId)!;
    const p = [...room.participants.values()].find((x) => x.classroomId === classroomId)!;
    return p.media!;
  };
  const cameraOf = (classroomId: string): types.Consumer | undefined =>
    [...mediaOf(classroomId).consumers.values()].find((c) => c.appData.source === 'camera');
  const layerOf = (classroomId: string) => cameraOf(classroomId)?.currentLayers?.spatialLayer;
  /**
   * The highest layer the teacher's camera sends now. The Node teacher's encoder, on this
   * machine, sends its 180p and 360p layers and seldom its 720p (the network benchmark's
   * open link saw widths 160 and 320 only): "the high layer" is the highest one it sends.
   */
  const topSent = async () => {
    const room = s.tongke.rooms.get(o.occurrenceId)!;
    const teacher = [...room.participants.values()].find((p) => p.role === 'teacher')!;
    const producer = [...teacher.media!.producers.values()].find(
      (p) => p.appData.source === 'camera',
    )!;
    const rids = (await producer.getStats()).filter((x) => x.bitrate > 0).map((x) => x.rid);
    return Math.max(...rids.map((rid) => Number(rid?.slice(1) ?? 0)));
  };
  const bytesSent = async (classroomId: string) => {
    const [stats] = await mediaOf(classroomId).recvTransport()!.getStats();
    return stats!.bytesSent;
  };
  /** What the server sent the classroom (media, padding, probes, RTCP) over `seconds`, kbit/s; and the layers seen each second. */
  async function measure(classroomIds: string[], seconds: number) {
    const before = await Promise.all(classroomIds.map(bytesSent));
    const t0 = performance.now();
    const layers = classroomIds.map(() => [] as (number | undefined)[]);
    for (let i = 0; i < seconds; i++) {
      await sleep(1000);
      classroomIds.forEach((id, k) => layers[k]!.push(layerOf(id)));
      if (process.env.DEBUG_BUDGET)
        console.log(
          classroomIds.map((id) => ({
            id,
            ...mediaOf(id).link!.state,
            failures: mediaOf(id).link,
          })),
        );
    }
    const after = await Promise.all(classroomIds.map(bytesSent));
    const secs = (performance.now() - t0) / 1000;
    return classroomIds.map((id, k) => ({
      id,
      kbps: Math.round(((after[k]! - before[k]!) * 8) / secs / 1000),
      layers: layers[k]!,
    }));
  }
  const put = (path: string, downlinkKbps: number | null) =>
    s.api(`/api/setup/communities/ruian-p-18/${path}/downlink-budget`, {
      method: 'PUT',
      token: s.tokens.coordinator,
      body: JSON.stringify({ downlinkKbps }),
    });

  beforeAll(async () => {
    s = await startLessonServer();
    // The member schools as the set-up screen knows them (the lesson server seeds classrooms only).
    await s.tongke.store.timetable.apply({
      put: {
        school: [
          { ...member, id: 'sch-gaolou' },
          { ...member, id: 'sch-ningyi', name: '高楼镇宁益小学' },
        ],
      },
    });
    expect((await put('schools/sch-gaolou', 400)).status).toBe(200);
    await s.clock.advanceTo(Date.parse(o.start) - 4 * MIN);
    const teacher = await livePeer(
      s.url,
      { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
      { mic: true },
    );
    peers.push(teacher);
    camera = cameraLikeVideo(640, 360);
    await teacher.client.publish('camera', camera.track, { encodings: teacherCameraEncodings });
    for (const [id, name] of [
      ['room-gaolou-1', '高楼镇中心小学 三(1)班'],
      ['room-ningyi-1', '高楼镇宁益小学 三(1)班'],
    ] as const) {
      const classroom = await livePeer(s.url, {
        roomId: o.occurrenceId,
        token: await s.deviceToken(id),
        displayName: name,
      });
      peers.push(classroom);
      const heard: ReceptionNotice[] = [];
      notices.set(id, heard);
      classroom.client.on('reception', (n) => heard.push(n));
      const cam = await classroom.waitForTrack(teacher.client.session!.peerId, 'camera');
      // The classroom's big screen shows the teacher full size: it asks for her 720p.
      await classroom.client.setConsumerPrefs(cam.remote.consumerId, {
        visible: true,
        spatialLayer: 2,
      });
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop().catch(() => undefined)));
    camera?.stop();
    await s?.close();
  });

  it('the capped classroom gets the lowest layer under its 400 kbit/s; the other school’s gets the top layer sent', async () => {
    // The uncapped one climbs 180p → 360p → 720p, one probe at a time (≈ 12 s on a quiet
    // machine; a probe that fails on a loaded machine's delay waits 10 s for the next).
    await expect
      .poll(
        async () =>
          mediaOf('room-ningyi-1').link!.state?.level === 2 &&
          layerOf('room-ningyi-1') === (await topSent()),
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(true);
    const [capped, open] = await measure(['room-gaolou-1', 'room-ningyi-1'], 10);
    console.log('downlink budget 400 kbit/s:', { capped, open });
    expect(mediaOf('room-gaolou-1').link!.capKbps).toBe(400);
    expect(mediaOf('room-ningyi-1').link!.capKbps).toBeUndefined();
    expect(capped!.layers.every((l) => l === 0)).toBe(true);
    expect(capped!.kbps).toBeLessThan(400);
    // It is the teacher's picture it gets, not nothing: 180p is ~150 kbit/s of it.
    expect(capped!.kbps).toBeGreaterThan(60);
    const top = await topSent();
    expect(top).toBeGreaterThanOrEqual(1);
    expect(open!.layers.at(-1)).toBe(top);
    // Nothing holds the other school's classroom back: its policy allows the teacher's 720p.
    expect(mediaOf('room-ningyi-1').link!.state).toMatchObject({ level: 2, reason: null });
    expect(open!.kbps).toBeGreaterThan(400);
  }, 100_000);

  it('changed mid-lesson, the caps follow within seconds, with no rejoin', async () => {
    const peersBefore = [...s.tongke.rooms.get(o.occurrenceId)!.participants.keys()];
    expect((await put('classrooms/room-ningyi-1', 400)).status).toBe(200);
    expect((await put('schools/sch-gaolou', null)).status).toBe(200);
    const t0 = performance.now();
    while (layerOf('room-ningyi-1') !== 0 && performance.now() - t0 < 10_000) await sleep(200);
    const downIn = performance.now() - t0;
    console.log('downlink budget lowered: layer 0 after', Math.round(downIn), 'ms');
    expect(layerOf('room-ningyi-1')).toBe(0);
    expect(downIn).toBeLessThan(5000);
    // The lifted one's cap is gone within seconds too …
    while (mediaOf('room-gaolou-1').link!.capKbps !== undefined && performance.now() - t0 < 5000)
      await sleep(100);
    expect(mediaOf('room-gaolou-1').link!.capKbps).toBeUndefined();
    // … and it climbs again, one layer at a time after probes, to the top layer sent. How
    // long depends on the probes: on a loaded machine one fails now and then and the next
    // waits its backoff (10 s, then 20 s), so the climb took 12–40 s here and more in CI.
    const top = await topSent();
    while (layerOf('room-gaolou-1') !== top && performance.now() - t0 < 100_000) await sleep(500);
    const upIn = performance.now() - t0;
    console.log('downlink budget lifted: the top layer sent after', Math.round(upIn), 'ms');
    expect(layerOf('room-gaolou-1')).toBe(top);
    expect(mediaOf('room-gaolou-1').link!.capKbps).toBeUndefined();
    expect(mediaOf('room-gaolou-1').link!.state?.reason).not.toBe('cap');
    expect(mediaOf('room-ningyi-1').link!.capKbps).toBe(400);
    expect(mediaOf('room-ningyi-1').link!.state?.reason).toBe('cap');
    await sleep(2000);
    const [nowCapped, nowOpen] = await measure(['room-ningyi-1', 'room-gaolou-1'], 10);
    console.log('downlink budgets swapped:', { nowCapped, nowOpen });
    expect(nowCapped!.layers.every((l) => l === 0)).toBe(true);
    expect(nowCapped!.kbps).toBeLessThan(400);
    // The lifted one is sent the top layer. How long it keeps it is the teacher's encoder's
    // and the policy's business, not the cap's: in a loaded CI run the encoder dropped its
    // 720p five seconds into the measure (386 kbit/s over the ten), so the rate is judged
    // against the capped one's, not against a fixed figure.
    expect(Math.max(...nowOpen!.layers.map((l) => l ?? -1))).toBe(top);
    expect(nowOpen!.kbps).toBeGreaterThan(nowCapped!.kbps * 1.5);
    expect([...s.tongke.rooms.get(o.occurrenceId)!.participants.keys()]).toEqual(peersBefore);
  }, 150_000);

  it('a budget below the teacher’s lowest layer and voice pauses her picture, keeps her voice, and says it is the school’s cap', async () => {
    // 200 kbit/s for the school, and its classroom's second screen joins: 100 kbit/s each PC.
    expect((await put('schools/sch-gaolou', 200)).status).toBe(200);
    const second = await livePeer(s.url, {
      roomId: o.occurrenceId,
      token: await s.deviceToken('room-gaolou-1'),
      displayName: '高楼镇中心小学 三(1)班 辅助屏',
    });
    peers.push(second);
    const heard = notices.get('room-gaolou-1')!;
    await expect
      .poll(() => heard.at(-1), { timeout: 8000 })
      .toMatchObject({ poor: true, reason: 'cap', level: -1 });
    expect(receptionText(heard.at(-1)!)).toMatch(/^学校下行带宽上限：保留老师声音，画面暂停/);
    expect(mediaOf('room-gaolou-1').link!.capKbps).toBe(100);
    expect(cameraOf('room-gaolou-1')!.paused).toBe(true);
    // Her voice goes on: the audio consumer is not paused and keeps sending.
    const mic = [...mediaOf('room-gaolou-1').consumers.values()].find((c) => c.kind === 'audio')!;
    const bytes = async () =>
      (await mic.getStats()).find((x) => x.type === 'outbound-rtp')?.byteCount ?? 0;
    const before = await bytes();
    await sleep(2000);
    expect(mic.paused).toBe(false);
    expect((await bytes()) - before).toBeGreaterThan(4000);
    // The other school's classroom, at 400 kbit/s of its own, is not touched.
    expect(mediaOf('room-ningyi-1').link!.capKbps).toBe(400);
  }, 30_000);
});
