// The live room seen by those beside the lesson: the unseen observer, a recorder, the rooms
// registry, a classroom's second screen, material pushed to the projectors.
import { describe, expect, it, vi } from 'vitest';
import { LiveRooms } from '../../../server/live/LiveRooms';
import { Participant } from '../../../server/live/Participant';
import { RoomError } from '../../../server/live/RoomError';
import { pushMaterial, pushedMaterialOf } from '../../../server/live/material/pushedMaterial';
import { FakeConnection, FakeMedia, type FakePorts } from './fakes';
import { caps, quiet, setup } from './roomSetup';

describe('LiveRoom: the observer (巡课) is unseen', () => {
  it('nobody but another observer learns of it, and it does not chat in a lesson', async () => {
    const { room, join, publish, settle, receives } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    await publish(a, 'camera', 'mic');
    const o = await join('observer', 'Zhao');
    const o2 = await join('observer', 'Qian');
    expect(teacher.connection.of('peerJoined').map((p) => p.displayName)).toEqual(['A']);
    expect(o2.connection.of('peerJoined').map((p) => p.displayName)).toEqual([]);
    expect(room.peersVisibleTo(teacher).map((p) => p.displayName)).toEqual(['A']);
    expect(room.peersVisibleTo(o2).map((p) => p.displayName)).toEqual(['Li', 'A', 'Zhao']);
    expect(() => room.addChat(o, 'hi')).toThrow(/巡课不发言/);
    await settle();
    expect(receives(o)).toEqual(['A:camera']); // a classroom's sound only when on stage
    await room.sampleQuality();
    expect(
      teacher.connection
        .of('quality')[0]!
        .map((q) => q.peerId)
        .sort(),
    ).toEqual([teacher.peerId, a.peerId].sort());
    expect(o.connection.of('quality')[0]).toHaveLength(4);
    expect(a.connection.of('quality')).toEqual([]);
    room.remove(o);
    expect(teacher.connection.of('peerLeft')).toEqual([]);
  });
});

describe('LiveRoom: events a recorder subscribes to', () => {
  it('tells joined, producer added and closed, stage, chat and left, in order', async () => {
    const { room, join, publish } = setup();
    const seen: string[] = [];
    room.on('joined', (p) => seen.push(`joined ${p.displayName}`));
    room.on('producerAdded', (p, t) => seen.push(`added ${p.displayName} ${t.source}`));
    room.on('producerClosed', (p, t) => seen.push(`closed ${p.displayName} ${t.source}`));
    room.on('stageChanged', (id) => seen.push(`stage ${id === null ? 'none' : 'set'}`));
    room.on('chat', (m) => seen.push(`chat ${m.text}`));
    room.on('left', (p) => seen.push(`left ${p.displayName}`));
    const teacher = await join('teacher', 'Li');
    await publish(teacher, 'camera');
    room.addChat(teacher, '上课');
    const track = teacher.media!.published()[0]!;
    room.unpublish(teacher, track.id);
    room.putOnStage(teacher, null);
    room.remove(teacher);
    expect(seen).toEqual([
      'joined Li',
      'added Li camera',
      'chat 上课',
      'closed Li camera',
      'stage none',
      'left Li',
    ]);
  });
});

describe('LiveRoom: a recorder', () => {
  it('taps a producer it heard of, paused until it resumes it', async () => {
    const { room, join, publish } = setup();
    const teacher = await join('teacher', 'Li');
    const added: string[] = [];
    room.on('producerAdded', (_p, t) => added.push(t.id));
    await publish(teacher, 'camera');
    const tap = await room.openTap(caps);
    const track = await tap.consume(added[0]!, { ip: '127.0.0.1', port: 5004 });
    expect(track).toMatchObject({ producerId: added[0], source: 'camera', closed: false });
    expect((track as { paused?: boolean }).paused).toBe(true);
    tap.close();
    expect(track!.closed).toBe(true);
  });
});

describe('LiveRooms', () => {
  it('a room goes away with its last participant; a new one is made for the same id', async () => {
    const log: string[] = [];
    const rooms = new LiveRooms<FakePorts>({
      media: async () => new FakeMedia(log),
      now: () => 0,
      log: quiet,
    });
    const created = vi.fn();
    rooms.on('created', created);
    const room = rooms.getOrCreate('x', 'lesson');
    const p = new Participant<FakePorts>({
      displayName: 'A',
      role: 'classroom',
      connection: new FakeConnection(),
      joinedAt: 0,
    });
    await room.add(p);
    expect(rooms.get('x')).toBe(room);
    expect(rooms.get('x', 'research')).toBeUndefined();
    room.remove(p);
    expect(room.closed).toBe(true);
    expect(rooms.get('x')).toBeUndefined();
    expect(rooms.getOrCreate('x', 'lesson')).not.toBe(room);
    expect(created).toHaveBeenCalledTimes(2);
    rooms.closeAll();
  });
});

describe("LiveRoom: a classroom's second screen (viewer)", () => {
  it('receives the teacher without sound, sends nothing, and nobody sees it', async () => {
    const { join, publish, settle, receives, room } = setup();
    const teacher = await join('teacher', 'Li');
    const second = await join('viewer', 'A2');
    await publish(teacher, 'camera', 'mic');
    await settle();
    expect(receives(second)).toEqual(['Li:camera']);
    await expect(room.openTransport(second, 'send')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(async () => room.addChat(second, 'hi')).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(room.peersVisibleTo(teacher).map((p) => p.displayName)).toEqual([]);
  });
});

describe('LiveRoom: material pushed to the projectors', () => {
  it('the teacher pushes to everyone; a classroom may not; null takes it off', async () => {
    const { join, room } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    const guide = {
      id: 'm-1',
      communityId: 'c',
      occurrenceId: 'o1',
      kind: 'guide' as const,
      fileName: '导学单.pdf',
      mimeType: 'application/pdf',
      size: 8,
      uploadedBy: 'u-li',
      uploadedAt: 1,
    };
    expect(() => pushMaterial(room, a, guide, 5)).toThrow(RoomError);
    pushMaterial(room, teacher, guide, 5);
    expect(pushedMaterialOf(room)).toMatchObject({ materialId: 'm-1', pushedAt: 5 });
    expect(a.connection.of('materialPushed')).toEqual([
      { material: expect.objectContaining({ materialId: 'm-1', fileName: '导学单.pdf' }) },
    ]);
    pushMaterial(room, teacher, null, 6);
    expect(pushedMaterialOf(room)).toBeNull();
    expect(a.connection.of('materialPushed').at(-1)).toEqual({ material: null });
  });
});
