import { describe, expect, it, vi } from 'vitest';
import { LiveRoom } from '../../../server/live/LiveRoom';
import { Participant } from '../../../server/live/Participant';
import { RoomError } from '../../../server/live/RoomError';
import { FakeConnection, FakeMedia, type FakePorts } from './fakes';
import { quiet, setup } from './roomSetup';

describe('LiveRoom: who receives what (policy)', () => {
  it('a classroom receives the teacher, not another classroom off stage', async () => {
    const { join, publish, settle, receives } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    const b = await join('classroom', 'B');
    await publish(teacher, 'camera', 'mic', 'screen');
    await publish(a, 'camera', 'mic');
    await publish(b, 'camera', 'mic');
    await settle();
    expect(receives(a)).toEqual(['Li:camera', 'Li:mic', 'Li:screen']);
    expect(receives(teacher)).toEqual(['A:camera', 'A:mic', 'B:camera', 'B:mic']);
  });

  it('a classroom does not share a screen; an observer sends nothing', async () => {
    const { join, publish, room } = setup();
    const a = await join('classroom', 'A');
    await expect(publish(a, 'screen')).rejects.toMatchObject({ code: 'forbidden' });
    const o = await join('observer', 'Zhao');
    await expect(room.openTransport(o, 'send')).rejects.toBeInstanceOf(RoomError);
  });

  it('starts a classroom tile at the lowest layer for the teacher', async () => {
    const { join, publish, settle, log } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    await publish(a, 'camera');
    await settle();
    const [camera] = teacher.media!.receiving();
    expect(log).toContain(`layers ${camera!.id} 0`);
  });
});

describe('LiveRoom: consume paused → client acks → resume', () => {
  it('resumes a consumer only after the client acked it', async () => {
    const { join, publish, settle, log } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A', { ack: 'manual' });
    await publish(teacher, 'mic');
    await new Promise((r) => setTimeout(r, 0));
    const [consumer] = a.media!.receiving();
    expect(consumer!.paused).toBe(true);
    expect(log.filter((l) => l.includes(consumer!.id))).toEqual([
      `consume ${consumer!.id} paused`,
      `offer ${consumer!.id}`,
    ]);
    a.connection.answer({ ok: true });
    await settle();
    expect(log.filter((l) => l.includes(consumer!.id))).toEqual([
      `consume ${consumer!.id} paused`,
      `offer ${consumer!.id}`,
      `resume ${consumer!.id}`,
    ]);
  });

  it('closes a consumer whose ack never comes, and never resumes it', async () => {
    const { join, publish, settle, log } = setup('lesson', 20);
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A', { ack: 'never' });
    await publish(teacher, 'camera');
    await settle();
    const consumer = [...a.media!.consumers.values()][0]!;
    expect(consumer.closed).toBe(true);
    expect(log).not.toContain(`resume ${consumer.id}`);
    expect(a.media!.receiving()).toEqual([]);
    expect(quiet.warn).toHaveBeenCalledWith(
      expect.objectContaining({ consumer: consumer.id }),
      'client did not ack a consumer',
    );
  });

  it('does not resume a consumer whose room closed while the client set it up', async () => {
    const { room, join, publish, log } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A', { ack: 'manual' });
    await publish(teacher, 'camera');
    await new Promise((r) => setTimeout(r, 0));
    const consumer = [...a.media!.consumers.values()][0]!;
    quiet.error.mockClear();
    room.close('lesson_ended');
    a.connection.answer({ ok: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(consumer.closed).toBe(true);
    expect(log).not.toContain(`resume ${consumer.id}`);
    expect(quiet.error).not.toHaveBeenCalled();
    expect(a.connection.of('roomClosed')).toEqual([{ reason: 'lesson_ended' }]);
  });

  it('a hidden consumer stays paused after the ack', async () => {
    const { room, join, publish, settle, log } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A', { ack: 'manual' });
    await publish(teacher, 'camera');
    await new Promise((r) => setTimeout(r, 0));
    const consumer = a.media!.receiving()[0]!;
    await room.applyPrefs(a, consumer.id, { visible: false });
    a.connection.answer({ ok: true });
    await settle();
    expect(log).not.toContain(`resume ${consumer.id}`);
  });
});

describe('LiveRoom: stage and hands', () => {
  it('the classroom on stage is seen and heard by the others, and its hand goes down', async () => {
    const { room, join, publish, settle, receives } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    const b = await join('classroom', 'B');
    await publish(teacher, 'camera');
    await publish(b, 'camera', 'mic');
    room.raiseHand(b, true);
    expect(a.connection.of('peerUpdated').at(-1)).toMatchObject({
      peerId: b.peerId,
      handRaised: true,
    });
    const hands: boolean[] = [];
    room.on('hand', (_p, raised) => hands.push(raised));
    room.putOnStage(teacher, b.peerId);
    await settle();
    expect(room.stagePeerId).toBe(b.peerId);
    expect(b.handRaised).toBe(false);
    expect(hands).toEqual([false]);
    expect(a.connection.of('stageChanged')).toEqual([{ peerId: b.peerId }]);
    expect(receives(a)).toEqual(['B:camera', 'B:mic', 'Li:camera']);

    room.putOnStage(teacher, null);
    await settle();
    expect(receives(a)).toEqual(['Li:camera']);
    expect(a.connection.of('consumerClosed')).toHaveLength(2);
  });

  it('gives the stage camera the top layer for the teacher, back to the tile layer after', async () => {
    const { room, join, publish, settle, log } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    await publish(a, 'camera');
    await settle();
    const camera = teacher.media!.receiving()[0]!;
    expect(log).toContain(`layers ${camera.id} 0`);
    room.putOnStage(teacher, a.peerId);
    await settle();
    expect(camera.layers).toEqual([2, 2]);
    room.putOnStage(teacher, null);
    await settle();
    expect(camera.layers).toEqual([0, 2]);
  });

  it('only a classroom raises a hand; only the teacher sets the stage', async () => {
    const { room, join } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    expect(() => room.raiseHand(teacher, true)).toThrow(RoomError);
    expect(() => room.putOnStage(a, a.peerId)).toThrow(/only the teacher/);
    expect(() => room.putOnStage(teacher, teacher.peerId)).toThrow(/no classroom/);
  });

  it('the stage empties when its classroom leaves', async () => {
    const { room, join } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    room.putOnStage(teacher, a.peerId);
    room.remove(a);
    expect(room.stagePeerId).toBe(null);
    expect(teacher.connection.of('stageChanged').at(-1)).toEqual({ peerId: null });
  });
});

describe('LiveRoom: sessions', () => {
  it('a resume swaps the connection, drops the old one and offers what was missed there', async () => {
    const { room, join, publish, settle } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    const old = a.connection;
    a.detach(2000);
    await publish(teacher, 'camera'); // while A is away: nothing is offered to it
    await settle();
    expect(old.offers).toEqual([]);
    const fresh = new FakeConnection();
    const { mediaReset } = await room.resume(a, fresh);
    const { consumerIds } = await room.catchUp(a);
    await settle();
    expect(mediaReset).toBe(false);
    expect(consumerIds).toEqual([]);
    expect(old.closed).toBe(true);
    expect(a.connection).toBe(fresh);
    expect(a.detachedAt).toBeUndefined();
    expect(fresh.channels.has('lesson/o1')).toBe(true);
    expect(fresh.offers.map((o) => o.source)).toEqual(['camera']);
  });

  it('an offer made on a connection that was replaced is made again on the new one', async () => {
    const { room, join, publish, settle } = setup('lesson', 20);
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A', { ack: 'never' });
    await publish(teacher, 'mic');
    await new Promise((r) => setTimeout(r, 0));
    const fresh = new FakeConnection();
    await room.resume(a, fresh);
    await new Promise((r) => setTimeout(r, 40));
    await settle();
    expect(fresh.offers.map((o) => o.source)).toEqual(['mic']);
    expect(a.media!.receiving()).toHaveLength(1);
  });

  it('after the media was lost, people, stage and chat stay; a resume gets new media', async () => {
    const { room, join, medias } = setup();
    const teacher = await join('teacher', 'Li');
    const a = await join('classroom', 'A');
    room.putOnStage(teacher, a.peerId);
    room.addChat(teacher, '同学们好');
    medias[0]!.lose();
    expect(a.media).toBeUndefined();
    expect(a.connection.of('rejoin')).toEqual([{ reason: 'media server restarted' }]);
    expect(room.participants.size).toBe(2);
    const { mediaReset } = await room.resume(a, a.connection);
    expect(mediaReset).toBe(true);
    expect(medias).toHaveLength(2);
    expect(a.media!.media).toBe(medias[1]);
    expect(room.stagePeerId).toBe(a.peerId);
    expect(room.chat.map((c) => c.text)).toEqual(['同学们好']);
  });

  it('the same identity joining again kicks the older session', async () => {
    const { room, join } = setup();
    const teacher = await join('teacher', 'Li');
    const first = await join('classroom', 'PC', { identity: 'device-1' });
    const second = await join('classroom', 'PC', { identity: 'device-1' });
    expect(first.connection.of('roomClosed')).toEqual([{ reason: 'signed in elsewhere' }]);
    expect(first.connection.closed).toBe(true);
    expect(first.media!.closed).toBe(true);
    expect([...room.participants.values()]).toEqual([teacher, second]);
    expect(teacher.connection.of('peerLeft')).toEqual([{ peerId: first.peerId }]);
  });

  it('close is idempotent and closes every session, then the media', async () => {
    const { room, join, medias } = setup();
    const a = await join('classroom', 'A');
    const closes = vi.fn();
    room.on('close', closes);
    room.close('lesson_ended', () => ({ roomId: 'o1', kind: 'research' }));
    room.close('lesson_ended');
    await new Promise((r) => setTimeout(r, 0));
    expect(closes).toHaveBeenCalledTimes(1);
    expect(a.connection.of('roomClosed')).toEqual([
      { reason: 'lesson_ended', next: { roomId: 'o1', kind: 'research' } },
    ]);
    expect(a.media!.closed).toBe(true);
    expect(medias[0]!.closed).toBe(true);
    expect(room.participants.size).toBe(0);
  });
});

describe('LiveRoom: a join while the room closes', () => {
  it('is refused and leaves no media behind', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const media = new FakeMedia([]);
    const room = new LiveRoom<FakePorts>({
      id: 'o2',
      kind: 'lesson',
      now: () => 0,
      log: quiet,
      media: async () => (await gate, media),
    });
    const p = new Participant<FakePorts>({
      displayName: 'A',
      role: 'classroom',
      connection: new FakeConnection(),
      joinedAt: 0,
    });
    const joining = room.add(p);
    room.close('lesson_ended');
    release();
    await expect(joining).rejects.toMatchObject({ code: 'not_found' });
    expect(room.participants.size).toBe(0);
    expect(media.sessions.every((s) => s.closed)).toBe(true);
  });
});
