// The 巡课 observer is unseen, by the server's rule: a teacher's wrtc client and a
// classroom's socket never learn it is there, while it watches the lesson for real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { PeerInfo, PeerQuality } from '../../../shared/signaling/events';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

const o = occurrence();
const start = Date.parse(o.start);

describe('the 巡课 observer', () => {
  let s: LessonServer;
  const peers: LivePeer[] = [];
  let raw: Socket | undefined;

  beforeAll(async () => {
    s = await startLessonServer();
    await s.clock.advanceTo(start - 4 * MIN);
  });

  afterAll(async () => {
    raw?.disconnect();
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
  });

  it('is in no peer list, event or quality sample of the teacher and the classrooms', async () => {
    const teacher = await livePeer(
      s.url,
      { roomId: o.occurrenceId, token: s.tokens.wang, displayName: '王老师' },
      { camera: { width: 320, height: 180 }, mic: true },
    );
    peers.push(teacher);
    const seenByTeacher: PeerInfo[][] = [teacher.client.peers];
    const qualityByTeacher: PeerQuality[][] = [];
    teacher.client.on('peers', (list) => seenByTeacher.push(list));
    teacher.client.on('quality', (q) => qualityByTeacher.push(q));

    // A classroom as a bare socket: every event the server sends it is recorded.
    const device = await s.deviceToken('room-gaolou-1');
    raw = io(`${s.url}/live`, { transports: ['websocket'] });
    const rawEvents: string[] = [];
    raw.onAny((event: string, ...args: unknown[]) =>
      rawEvents.push(`${event} ${JSON.stringify(args)}`),
    );
    const joined = (await raw.timeout(5000).emitWithAck('join', {
      roomId: o.occurrenceId,
      token: device,
      displayName: '高楼镇中心小学 三(1)班',
    })) as { ok: boolean; data: { peers: PeerInfo[] } };
    expect(joined.ok).toBe(true);
    rawEvents.push(JSON.stringify(joined.data.peers));

    const observer = await livePeer(s.url, {
      roomId: o.occurrenceId,
      token: s.tokens.observer,
      displayName: '教研员',
    });
    peers.push(observer);
    expect(observer.client.session?.role).toBe('observer');
    const observerId = observer.client.session!.peerId;
    // It really watches: the teacher's camera reaches it, and it sees everyone.
    const camera = await observer.waitForTrack(teacher.client.session!.peerId, 'camera');
    expect(camera.remote.kind).toBe('video');
    expect(observer.client.peers.map((p) => p.role).sort()).toEqual(['classroom', 'teacher']);
    // An unseen observer does not speak in the chat either.
    await expect(observer.client.request('chat', { text: '你好' })).rejects.toMatchObject({
      code: 'forbidden',
    });

    // Long enough for a quality sample (every 2 s), then the observer leaves.
    await new Promise((r) => setTimeout(r, 2600));
    await observer.stop();
    peers.splice(peers.indexOf(observer), 1);
    // Something the classroom does see, to show its recording works.
    await teacher.client.request('chat', { text: '同学们好' });
    await new Promise((r) => setTimeout(r, 300));

    expect(qualityByTeacher.length).toBeGreaterThan(0);
    for (const list of seenByTeacher) expect(list.map((p) => p.peerId)).not.toContain(observerId);
    for (const q of qualityByTeacher) expect(q.map((x) => x.peerId)).not.toContain(observerId);
    expect(rawEvents.some((e) => e.includes('同学们好'))).toBe(true);
    for (const e of rawEvents) expect(e).not.toContain(observerId);
    expect(rawEvents.join('\n')).not.toContain('教研员');
  });
});
