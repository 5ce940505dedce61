// A lesson and its research meeting share the occurrence id: what happens in one room
// (a classroom joining, leaving) is never announced in the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

describe('a lesson and a meeting under the same id', () => {
  let server: TestServer;
  const peers: LivePeer[] = [];

  beforeAll(async () => {
    server = await startTongke();
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await server?.close();
  });

  it('keeps their peers apart', async () => {
    const id = 'occ-1';
    const teacher = await livePeer(server.url, {
      roomId: id,
      roomCode: 'lesson12',
      role: 'teacher',
      displayName: '王老师',
    });
    const meeting = await livePeer(server.url, {
      roomId: id,
      kind: 'research',
      roomCode: 'meeting1',
      displayName: '李老师',
    });
    peers.push(teacher, meeting);
    const joined: string[] = [];
    meeting.client.on('peers', (list) => joined.push(...list.map((p) => p.displayName)));

    const classroom = await livePeer(server.url, {
      roomId: id,
      roomCode: 'lesson12',
      role: 'classroom',
      displayName: '三(1)班',
    });
    peers.push(classroom);
    await expect.poll(() => teacher.client.peers.map((p) => p.displayName)).toContain('三(1)班');
    await classroom.client.close();
    await expect
      .poll(() => teacher.client.peers.map((p) => p.displayName))
      .not.toContain('三(1)班');
    expect(meeting.client.peers).toEqual([]);
    expect(joined).toEqual([]);
  });
});
