// A malformed or unauthorised event gets an error ack naming the problem and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import { livePeer, type LivePeer } from '../../helpers/livePeer';

type AnyAck = { ok: boolean; error?: { code: string; message: string; field?: string } };

describe('signaling refuses bad input', () => {
  let server: TestServer;
  let raw: Socket;
  let teacher: LivePeer;
  let classroom: LivePeer;
  const send = (event: string, payload: unknown) =>
    raw.timeout(5000).emitWithAck(event, payload) as Promise<AnyAck>;

  beforeAll(async () => {
    server = await startTongke();
    raw = io(`${server.url}/live`, { transports: ['websocket'] });
    await new Promise((r) => raw.once('connect', () => r(undefined)));
    teacher = await livePeer(server.url, {
      roomId: 'r1',
      roomCode: 'code1234',
      displayName: '李老师',
      role: 'teacher',
    });
    classroom = await livePeer(server.url, {
      roomId: 'r1',
      roomCode: 'code1234',
      displayName: '三(1)班',
      role: 'classroom',
    });
  });

  afterAll(async () => {
    raw?.disconnect();
    await teacher?.stop();
    await classroom?.stop();
    await server?.close();
  });

  it('names the missing field of a join', async () => {
    const reply = await send('join', { displayName: 'x', roomCode: 'code1234' });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', field: '/roomId' },
    });
  });

  it('names a field of the wrong type', async () => {
    const reply = await send('join', { roomId: 'r1', displayName: 42, roomCode: 'code1234' });
    expect(reply.error).toMatchObject({ code: 'invalid_payload', field: '/displayName' });
  });

  it('refuses requests before joining', async () => {
    const reply = await send('createTransport', { direction: 'send' });
    expect(reply.error?.code).toBe('not_joined');
  });

  it('refuses a wrong room code and a second teacher', async () => {
    const wrong = await send('join', { roomId: 'r1', displayName: 'x', roomCode: 'nope9999' });
    expect(wrong.error).toMatchObject({ code: 'forbidden', message: 'wrong room code' });
    const second = await send('join', {
      roomId: 'r1',
      displayName: 'x',
      roomCode: 'code1234',
      role: 'teacher',
    });
    expect(second.error?.code).toBe('forbidden');
    expect(server.tongke.rooms.get('r1')?.participants.size).toBe(2);
  });

  it('refuses a forged token', async () => {
    const reply = await send('join', { roomId: 'r2', displayName: 'x', token: 'abc.def' });
    expect(reply.error).toMatchObject({ code: 'forbidden', message: 'token invalid or expired' });
    expect(server.tongke.rooms.get('r2')).toBeUndefined();
  });

  it('lets only the teacher put a classroom on stage', async () => {
    const peerId = classroom.client.session!.peerId;
    await expect(classroom.client.setStage(peerId)).rejects.toMatchObject({ code: 'forbidden' });
    expect(server.tongke.rooms.get('r1')?.stagePeerId).toBeNull();
  });

  it('refuses a classroom sharing a screen, and nonsense rtp parameters', async () => {
    const session = server.tongke.rooms.get('r1')!;
    const before = [...session.participants.values()].map((p) => p.media?.producers.size);
    const transportId = 'no-such-transport';
    await expect(
      classroom.client.request('produce', {
        transportId,
        kind: 'video',
        source: 'screen',
        rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }] },
      }),
    ).rejects.toMatchObject({ code: 'forbidden', field: '/source' });
    await expect(
      classroom.client.request('produce', {
        transportId,
        kind: 'video',
        source: 'camera',
        rtpParameters: { codecs: [] },
      } as never),
    ).rejects.toMatchObject({ code: 'invalid_payload', field: '/rtpParameters/codecs' });
    expect([...session.participants.values()].map((p) => p.media?.producers.size)).toEqual(before);
  });

  it('refuses a chat message that is too long', async () => {
    await expect(classroom.client.sendChat('长'.repeat(1001))).rejects.toMatchObject({
      code: 'invalid_payload',
      field: '/text',
    });
    expect(server.tongke.rooms.get('r1')?.chat).toHaveLength(0);
  });

  it('refuses a flood past the per-socket budget, and nothing else suffers', async () => {
    const flood = io(`${server.url}/live`, { transports: ['websocket'] });
    await new Promise((r) => flood.once('connect', () => r(undefined)));
    const replies = await Promise.all(
      Array.from(
        { length: 80 },
        () => flood.timeout(5000).emitWithAck('chat', { text: 'x' }) as Promise<AnyAck>,
      ),
    );
    flood.disconnect();
    const codes = replies.map((r) => r.error?.code);
    expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThanOrEqual(20);
    // The room's own participants are not affected.
    await classroom.client.sendChat('还在');
    expect(server.tongke.rooms.get('r1')?.chat.at(-1)?.text).toBe('还在');
  });
});
