// The room's controls driven through a LiveRoom with a fake connection and fake media:
// the layout the server holds, and the classrooms' microphones it pauses.
import { describe, expect, it, vi } from 'vitest';
import type { LiveRole, MediaSource } from '../../../shared/signaling/events';
import type { RtpCapabilities } from '../../../shared/signaling/rtp';
import type { LayoutState } from '../../../shared/signaling/roomControls';
import { LiveRoom } from '../../../server/live/LiveRoom';
import { Participant } from '../../../server/live/Participant';
import { FakeConnection, FakeMedia, type FakePorts } from './fakes';

const caps = { codecs: [] } as unknown as RtpCapabilities;
const quiet = { warn: vi.fn(), error: vi.fn() };

function setup() {
  const log: string[] = [];
  const room = new LiveRoom<FakePorts>({
    id: 'o1',
    kind: 'lesson',
    now: () => 1000,
    log: quiet,
    media: async () => new FakeMedia(log),
  });
  const join = async (role: LiveRole, name: string, identity?: string) => {
    const p = new Participant<FakePorts>({
      displayName: name,
      role,
      connection: new FakeConnection(log),
      joinedAt: 1000,
      ...(identity ? { identity } : {}),
    });
    await room.add(p);
    await room.openTransport(p, 'recv', caps);
    return p;
  };
  const publish = async (p: Participant<FakePorts>, ...sources: MediaSource[]) => {
    const send = await room.openTransport(p, 'send');
    for (const source of sources) {
      await room.publish(p, {
        transportId: send.id,
        kind: source === 'mic' ? 'audio' : 'video',
        rtpParameters: { codecs: [] } as never,
        source,
      });
    }
  };
  const mic = (p: Participant<FakePorts>) => p.media!.published().find((t) => t.source === 'mic')!;
  const settle = () => new Promise((r) => setTimeout(r, 5));
  return { room, join, publish, mic, settle };
}

describe('the projector layout, held by the room', () => {
  it('the teacher sets it; everyone is told; the room emits it for the event log', async () => {
    const { room, join } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    const seen: LayoutState[] = [];
    let changed = 0;
    room.on('layout', (s) => seen.push(s));
    room.on('changed', () => changed++);
    expect(room.layout.choose(teacher, 'side_by_side')).toEqual({
      layout: 'side_by_side',
      cause: 'chosen',
    });
    expect(a.connection.of('layoutChanged')).toEqual([{ layout: 'side_by_side', cause: 'chosen' }]);
    expect(teacher.connection.of('layoutChanged')).toHaveLength(1);
    expect(seen).toEqual([{ layout: 'side_by_side', cause: 'chosen' }]);
    expect(changed).toBeGreaterThan(0);
  });

  it('a classroom cannot set it', async () => {
    const { room, join } = setup();
    await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    expect(() => room.layout.choose(a, 'teacher')).toThrow(/主讲教师/);
    expect(() => room.layout.choose(a, 'teacher')).toThrowError(
      expect.objectContaining({ code: 'forbidden' }),
    );
    expect(room.layout.state.layout).toBe('teacher');
  });

  it('a joining or returning classroom gets the current layout in its reply', async () => {
    const { room, join } = setup();
    const teacher = await join('teacher', 'Li');
    room.layout.choose(teacher, 'stage');
    await join('classroom', 'B');
    expect(room.controls.layout).toEqual({ layout: 'stage', cause: 'chosen' });
  });

  it('the teacher’s screen share switches to the courseware; its end switches back', async () => {
    const { room, join, publish } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    room.layout.choose(teacher, 'stage');
    await publish(teacher, 'camera', 'screen');
    expect(room.layout.state).toEqual({ layout: 'courseware', cause: 'share_started' });
    const screen = teacher.media!.published().find((t) => t.source === 'screen')!;
    room.unpublish(teacher, screen.id);
    expect(room.layout.state).toEqual({ layout: 'stage', cause: 'share_stopped' });
    expect(a.connection.of('layoutChanged').map((s) => s.layout)).toEqual([
      'stage',
      'courseware',
      'stage',
    ]);
  });

  it('the blackboard camera does not move the layout', async () => {
    const { room, join, publish } = setup();
    const teacher = await join('teacher', 'Li');
    await publish(teacher, 'blackboard');
    expect(room.layout.state.layout).toBe('teacher');
  });
});

describe('the classrooms’ microphones, enforced by the room', () => {
  it('the teacher mutes a classroom for everyone: its producer is paused', async () => {
    const { room, join, publish, mic, settle } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A', 'device-a');
    await publish(a, 'camera', 'mic');
    await settle();
    expect(mic(a).paused).toBe(false);
    const state = await room.mics.teacherMute(teacher, a.peerId, true);
    expect(state).toMatchObject({ teacherMuted: true, open: false });
    expect(mic(a).paused).toBe(true);
    const told = a.connection.of('micStates').at(-1)!;
    expect(told.classrooms).toEqual([expect.objectContaining({ peerId: a.peerId, open: false })]);
    expect(teacher.connection.of('micStates').at(-1)).toEqual(told);
  });

  it('the 辅导教师 cannot lift it; the teacher’s allow does', async () => {
    const { room, join, publish, mic } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A', 'device-a');
    await publish(a, 'mic');
    await room.mics.teacherMute(teacher, a.peerId, true);
    await expect(room.mics.selfMute(a, false)).rejects.toMatchObject({ code: 'forbidden' });
    expect(mic(a).paused).toBe(true);
    await room.mics.teacherMute(teacher, a.peerId, false);
    expect(mic(a).paused).toBe(false);
  });

  it('the 辅导教师 mutes and unmutes otherwise; a classroom cannot mute for everyone', async () => {
    const { room, join, publish, mic } = setup();
    await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    const b = await join('classroom', 'B');
    await publish(a, 'mic');
    await room.mics.selfMute(a, true);
    expect(mic(a).paused).toBe(true);
    await room.mics.selfMute(a, false);
    expect(mic(a).paused).toBe(false);
    await expect(room.mics.teacherMute(b, a.peerId, true)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(room.mics.setPushToTalk(b, true)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('a mute follows the classroom through a reload (same device, new session)', async () => {
    const { room, join, publish, mic, settle } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A', 'device-a');
    await room.mics.teacherMute(teacher, a.peerId, true);
    room.remove(a);
    const again = await join('classroom', 'A', 'device-a');
    await publish(again, 'mic');
    await settle();
    expect(mic(again).paused).toBe(true);
    expect(room.mics.stateOf(again).teacherMuted).toBe(true);
  });

  it('push-to-talk: a classroom speaks while held or on stage, not otherwise', async () => {
    const { room, join, publish, mic, settle } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    await publish(a, 'mic');
    await room.mics.setPushToTalk(teacher, true);
    expect(mic(a).paused).toBe(true);
    await room.mics.talk(a, true);
    expect(mic(a).paused).toBe(false);
    await room.mics.talk(a, false);
    expect(mic(a).paused).toBe(true);
    room.putOnStage(teacher, a.peerId);
    await settle();
    expect(mic(a).paused).toBe(false);
    room.putOnStage(teacher, null);
    await settle();
    expect(mic(a).paused).toBe(true);
    await room.mics.setPushToTalk(teacher, false);
    expect(mic(a).paused).toBe(false);
  });

  it('a mic published while closed is paused at once', async () => {
    const { room, join, publish, mic, settle } = setup();
    const teacher = await join('teacher', 'Li');
    await room.mics.setPushToTalk(teacher, true);
    const a = await join('classroom', 'A');
    await publish(a, 'mic');
    await settle();
    expect(mic(a).paused).toBe(true);
    expect(room.controls.mics).toEqual({
      pushToTalk: true,
      classrooms: [
        { peerId: a.peerId, teacherMuted: false, selfMuted: false, talking: false, open: false },
      ],
    });
  });
});
