// Ad-hoc (room code) rooms exist only when someone allowed opened them (ADHOC_ROOMS=granted,
// production's default); in development anyone may, within per-address and per-node limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { AdhocGrant, AuditEntry } from '../../../shared/security';
import { MIN } from '../../unit/lessons/support/occurrences';
import { startLessonServer, type LessonServer } from '../lessons/support/lessonServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';
import { loadConfig } from '../../../server/config';
import { seedDemoRoom } from '../../../server/demo/seed';

type AnyAck = { ok: boolean; error?: { code: string; message: string } };

async function socketTo(url: string): Promise<Socket> {
  const socket = io(`${url}/live`, { transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

const anonymousJoin = (socket: Socket, roomId: string, roomCode = 'mine1234') =>
  socket.timeout(5000).emitWithAck('join', {
    roomId,
    roomCode,
    role: 'teacher',
    displayName: 'script',
  }) as Promise<AnyAck>;

describe('ad-hoc rooms in production mode (granted)', () => {
  let s: LessonServer;
  const peers: LivePeer[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    s = await startLessonServer({ adhocRooms: 'granted' });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(peers.map((p) => p.stop()));
    await s?.close();
  });

  it('is the default with NODE_ENV=production, and ADHOC_ROOMS says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).adhocRooms).toBe('granted');
    expect(loadConfig({}).adhocRooms).toBe('open');
    expect(loadConfig({ NODE_ENV: 'production', ADHOC_ROOMS: 'open' }).adhocRooms).toBe('open');
    expect(() => loadConfig({ ADHOC_ROOMS: 'anyone' })).toThrow(/ADHOC_ROOMS=anyone/);
  });

  it('lets an anonymous script open no room at all', async () => {
    const socket = await socketTo(s.url);
    sockets.push(socket);
    const replies: AnyAck[] = [];
    for (let i = 0; i < 40; i++) replies.push(await anonymousJoin(socket, `free-relay-${i}`));
    expect(replies.every((r) => !r.ok && r.error?.code === 'forbidden')).toBe(true);
    expect(replies[0]!.error!.message).toContain('No such ad-hoc room');
    // A teacher's token without a grant opens nothing either.
    const withToken = (await socket.timeout(5000).emitWithAck('join', {
      roomId: 'free-relay-x',
      token: s.tokens.wang,
      displayName: '王老师',
    })) as AnyAck;
    expect(withToken.error?.code).toBe('forbidden');
    expect(s.tongke.rooms.all).toHaveLength(0);
  });

  it("keeps the dev demo's room-code lesson working, by its seeded grant", async () => {
    await seedDemoRoom(s.tongke.store, 'ruian-p-18', s.clock.now());
    await seedDemoRoom(s.tongke.store, 'ruian-p-18', s.clock.now()); // idempotent
    const teacher = await livePeer(s.url, {
      roomId: 'demo',
      roomCode: 'demo2026',
      role: 'teacher',
      displayName: '王老师',
    });
    expect(teacher.client.session?.role).toBe('teacher');
    await teacher.stop();
  });

  it('opens a room a teacher allowed, by its code, at its size, until it expires', async () => {
    const created = await s.api('/api/adhoc-rooms', {
      method: 'POST',
      token: s.tokens.wang,
      body: JSON.stringify({ communityId: 'ruian-p-18', capacity: 2, ttlMinutes: 30 }),
    });
    expect(created.status).toBe(201);
    const grant = (await created.json()) as AdhocGrant;
    expect(grant).toMatchObject({ capacity: 2, createdBy: expect.any(String) });
    expect(grant.code).toMatch(/^[a-z2-9]{10}$/);

    const socket = await socketTo(s.url);
    sockets.push(socket);
    expect((await anonymousJoin(socket, grant.roomId, 'wrongcode1')).error?.code).toBe('forbidden');
    const teacher = await livePeer(s.url, {
      roomId: grant.roomId,
      roomCode: grant.code,
      role: 'teacher',
      displayName: '王老师',
    });
    peers.push(teacher);
    const classroom = await livePeer(s.url, {
      roomId: grant.roomId,
      roomCode: grant.code,
      displayName: '三(1)班',
    });
    peers.push(classroom);
    const third = await anonymousJoin(socket, grant.roomId, grant.code);
    expect(third.error?.code).toBe('room_full');

    // Listed for the community, refused to others.
    const list = await s.api('/api/adhoc-rooms?communityId=ruian-p-18', { token: s.tokens.li });
    expect(((await list.json()) as AdhocGrant[]).map((g) => g.roomId)).toContain(grant.roomId);
    const outsider = await s.api('/api/adhoc-rooms', {
      method: 'POST',
      token: s.tokens.outsider,
      body: JSON.stringify({ communityId: 'ruian-p-18' }),
    });
    expect(outsider.status).toBe(403);
    const device = await s.deviceToken('room-gaolou-1');
    const byDevice = await s.api('/api/adhoc-rooms', {
      method: 'POST',
      token: device,
      body: JSON.stringify({ communityId: 'ruian-p-18' }),
    });
    expect(byDevice.status).toBe(403);

    // Expired: a new participant cannot enter.
    await s.clock.advanceTo(s.clock.now() + 31 * MIN);
    await teacher.stop();
    peers.splice(peers.indexOf(teacher), 1);
    const late = await anonymousJoin(socket, grant.roomId, grant.code);
    expect(late.error?.message).toContain('expired');
  });

  it('ends a room when its creator deletes it, and the audit log says who', async () => {
    const created = await s.api('/api/adhoc-rooms', {
      method: 'POST',
      token: s.tokens.li,
      body: JSON.stringify({ communityId: 'ruian-p-18', roomId: 'li-meeting', code: 'meet2026x' }),
    });
    expect(created.status).toBe(201);
    const again = await s.api('/api/adhoc-rooms', {
      method: 'POST',
      token: s.tokens.li,
      body: JSON.stringify({ communityId: 'ruian-p-18', roomId: 'li-meeting' }),
    });
    expect(again.status).toBe(409);
    const member = await livePeer(s.url, {
      roomId: 'li-meeting',
      roomCode: 'meet2026x',
      displayName: '三(1)班',
    });
    peers.push(member);
    const closed = new Promise<{ reason: string }>((r) => member.client.on('closed', r));
    expect(
      (await s.api('/api/adhoc-rooms/li-meeting', { method: 'DELETE', token: s.tokens.wang }))
        .status,
    ).toBe(403);
    expect(
      (await s.api('/api/adhoc-rooms/li-meeting', { method: 'DELETE', token: s.tokens.li })).status,
    ).toBe(204);
    expect((await closed).reason).toContain('结束');

    const audit = await s.api('/api/audit?communityId=ruian-p-18', {
      token: s.tokens.coordinator,
    });
    expect(audit.status).toBe(200);
    const entries = (await audit.json()) as AuditEntry[];
    expect(entries[0]).toMatchObject({
      action: 'DELETE /api/adhoc-rooms/:roomId',
      target: '/api/adhoc-rooms/li-meeting',
      role: 'teacher',
    });
    expect(entries.some((e) => e.action === 'POST /api/adhoc-rooms')).toBe(true);
    expect((await s.api('/api/audit?communityId=ruian-p-18', { token: s.tokens.li })).status).toBe(
      403,
    );
  });
});

describe('ad-hoc rooms in development mode (open), within limits', () => {
  let s: LessonServer;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    s = await startLessonServer({
      maxRooms: 3,
      joinsPerAddressPerMinute: 8,
      socketsPerAddress: 12,
    });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await s?.close();
  });

  it('caps the rooms of the node, and the joins and sockets of one address', async () => {
    const replies: AnyAck[] = [];
    for (let i = 0; i < 5; i++) {
      const socket = await socketTo(s.url);
      sockets.push(socket);
      replies.push(await anonymousJoin(socket, `dev-room-${i}`));
    }
    expect(replies.map((r) => r.ok || r.error?.code)).toEqual([
      true,
      true,
      true,
      'room_full',
      'room_full',
    ]);
    expect(replies[3]!.error!.message).toContain('3 rooms');
    const socket = await socketTo(s.url);
    sockets.push(socket);
    const more: AnyAck[] = [];
    for (let i = 0; i < 4; i++) more.push(await anonymousJoin(socket, 'dev-room-0'));
    expect(more.slice(0, 3).map((r) => r.error?.code)).not.toContain('rate_limited');
    expect(more[3]!.error?.code).toBe('rate_limited');

    while (sockets.length < 12) sockets.push(await socketTo(s.url));
    await expect(socketTo(s.url)).rejects.toThrow();
    // What the refusal says, to a plain HTTP handshake: refused before any session exists.
    const handshake = await fetch(`${s.url}/socket.io/?EIO=4&transport=polling`);
    expect(handshake.status).toBe(403);
    expect(await handshake.json()).toMatchObject({ message: 'rate_limited' });
    sockets.pop()!.disconnect();
    await new Promise((r) => setTimeout(r, 100));
    sockets.push(await socketTo(s.url));
  });
});
