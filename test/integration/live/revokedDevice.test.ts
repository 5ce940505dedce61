// A classroom PC that is lost or replaced: the coordinator revokes it, and its year-long
// token stops working at once, in the lesson it is in as much as at its next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceInfo } from '../../../shared/auth';
import { MIN, occurrence } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

const o = occurrence();
const start = Date.parse(o.start);

describe('a revoked classroom PC', () => {
  let s: LessonServer;
  const peers: LivePeer[] = [];

  beforeAll(async () => {
    s = await startLessonServer();
    await s.clock.advanceTo(start - 4 * MIN);
  });

  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
  });

  it('is sent out of its lesson, and its token is refused everywhere', async () => {
    const token = await s.deviceToken('room-gaolou-1');
    const other = await s.deviceToken('room-ningyi-1');
    const classroom = await livePeer(s.url, {
      roomId: o.occurrenceId,
      token,
      displayName: '高楼镇中心小学 三(1)班',
    });
    peers.push(classroom);
    const bystander = await livePeer(s.url, {
      roomId: o.occurrenceId,
      token: other,
      displayName: '宁益小学 三(1)班',
    });
    peers.push(bystander);

    const listed = await s.api('/api/devices?communityId=ruian-p-18', {
      token: s.tokens.coordinator,
    });
    const devices = (await listed.json()) as DeviceInfo[];
    const gaolou = devices.find((d) => d.classroomId === 'room-gaolou-1')!;
    expect(gaolou).toMatchObject({ communityId: 'ruian-p-18' });
    expect(gaolou.revokedAt).toBeUndefined();

    const closed = new Promise<{ reason: string }>((resolve) =>
      classroom.client.on('closed', resolve),
    );
    const revoked = await s.api(`/api/devices/${gaolou.deviceId}/revoke`, {
      method: 'POST',
      token: s.tokens.coordinator,
    });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({
      deviceId: gaolou.deviceId,
      revokedAt: s.clock.now(),
    });

    expect((await closed).reason).toContain('撤销');
    expect(classroom.client.state).toBe('closed');
    const room = s.tongke.rooms.get(o.occurrenceId)!;
    expect([...room.participants.values()].map((p) => p.principal?.classroomId)).toEqual([
      'room-ningyi-1',
    ]);
    expect(bystander.client.state).toBe('joined');

    // The same token, wherever it is shown: the schedule, a new join.
    const refused = await s.api('/api/classrooms/room-gaolou-1/today', { token });
    expect(refused.status).toBe(401);
    // The PC is told why, as a code it acts on (it erases its enrolment only for this one).
    expect(await refused.json()).toMatchObject({ error: 'device_revoked' });
    const forged = await s.api('/api/classrooms/room-gaolou-1/today', { token: `${token}x` });
    expect(await forged.json()).toMatchObject({ error: 'unauthorized' });
    await expect(
      livePeer(s.url, { roomId: o.occurrenceId, token, displayName: '高楼镇中心小学 三(1)班' }),
    ).rejects.toMatchObject({ code: 'forbidden', message: 'token invalid or expired' });
    // The other PC goes on.
    expect((await s.api('/api/classrooms/room-ningyi-1/today', { token: other })).status).toBe(200);
  });

  it('can be revoked only by a coordinator of its community', async () => {
    const token = await s.deviceToken('room-gaolou-2');
    const me = (await (await s.api('/api/auth/me', { token })).json()) as { deviceId: string };
    const revoke = (as: string) =>
      s.api(`/api/devices/${me.deviceId}/revoke`, { method: 'POST', token: as });
    expect((await revoke(s.tokens.wang)).status).toBe(403);
    expect((await revoke(s.tokens.outsider)).status).toBe(403);
    expect(
      (await s.api('/api/devices/dev-nope/revoke', { method: 'POST', token: s.tokens.coordinator }))
        .status,
    ).toBe(404);
    expect((await s.api('/api/auth/me', { token })).status).toBe(200);
  });
});
