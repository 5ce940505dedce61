// A code room (no timetable) is recorded only while its teacher asks for it; nobody else
// may ask, and a scheduled lesson follows its clock instead.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingView } from '../../../shared/recording';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { ffprobe } from '../../helpers/ffprobe';

describe('a code room records on its teacher’s request', () => {
  let s: LessonServer;
  const peers: LivePeer[] = [];
  const join_ = { roomId: 'ad-hoc-math', roomCode: 'adhoc123' };

  beforeAll(async () => {
    s = await startLessonServer();
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
  });

  it('records from the teacher’s “on” to her “off”, readable by a coordinator', async () => {
    const teacher = await livePeer(
      s.url,
      { ...join_, displayName: '陈老师', role: 'teacher' },
      { camera: { width: 640, height: 360 }, mic: true },
    );
    const classroom = await livePeer(s.url, { ...join_, displayName: '教室', role: 'classroom' });
    peers.push(teacher, classroom);
    await (
      await classroom.waitForTrack(teacher.client.session!.peerId, 'camera')
    ).video!.waitFor(5);

    await expect(classroom.client.request('recording', { on: true })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      teacher.client.request('recording', { on: 'yes' } as unknown as { on: boolean }),
    ).rejects.toMatchObject({ code: 'invalid_payload', field: '/on' });
    expect(await s.tongke.recording.recordings.list()).toEqual([]);

    expect(await teacher.client.request('recording', { on: true })).toEqual({ recording: true });
    await new Promise((r) => setTimeout(r, 4000));
    expect(await teacher.client.request('recording', { on: false })).toEqual({ recording: false });

    const [id] = await s.tongke.recording.recordings.list();
    expect(id).toMatch(/^code-ad-hoc-math-\d+$/);
    await expect
      .poll(async () => (await s.tongke.recording.recordings.view(id!))?.manifest.state, {
        timeout: 15_000,
      })
      .toBe('stopped');
    const res = await s.api(`/api/recordings/${id}`, { token: s.tokens.coordinator });
    expect(res.status).toBe(200);
    const view = (await res.json()) as RecordingView;
    expect(view.manifest.kind).toBe('code');
    const teacherSegment = view.manifest.segments.find((x) => x.track === 'teacher')!;
    const probed = await ffprobe(
      join(s.tongke.recording.recordings.dirOf(id!), teacherSegment.file),
    );
    expect(probed.durationS).toBeGreaterThan(2.5);
    expect(probed.audio).toBeDefined();
    // A teacher's login is not enough for a code room's recording.
    expect((await s.api(`/api/recordings/${id}`, { token: s.tokens.wang })).status).toBe(403);
  });
});
