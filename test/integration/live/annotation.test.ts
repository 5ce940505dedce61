// 批注 over the real /live socket: the teacher's strokes reach the classrooms; what a
// classroom sends, or a stroke out of bounds, too long, or on an unknown page, gets an
// error ack naming the field and changes nothing; a classroom that comes back gets the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';
import type { AnnotationMessage, PageSnapshot } from '../../../shared/signaling/annotation';
import { waitUntil } from '../../helpers/waitUntil';

type AnyAck = {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string; field?: string };
};

describe('annotation over /live', () => {
  let server: TestServer;
  const sockets: Socket[] = [];
  let teacher: Socket;
  let classroom: Socket;
  const received: AnnotationMessage[] = [];
  const send = (s: Socket, event: string, payload: unknown) =>
    s.timeout(5000).emitWithAck(event, payload) as Promise<AnyAck>;

  async function joined(role: 'teacher' | 'classroom', name: string): Promise<Socket> {
    const s = io(`${server.url}/live`, { transports: ['websocket'] });
    sockets.push(s);
    await new Promise((r) => s.once('connect', () => r(undefined)));
    const reply = await send(s, 'join', {
      roomId: 'ann1',
      roomCode: 'code1234',
      displayName: name,
      role,
    });
    expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
    return s;
  }

  const state = async (s: Socket) => (await send(s, 'annotationState', {})).data as PageSnapshot;
  const stroke = (over: Record<string, unknown> = {}) => ({
    pageId: 'p1',
    strokeId: 'a1',
    tool: 'pen',
    color: '#e53935',
    width: 0.003,
    points: [0.25, 0.25, 0.5, 0.5],
    done: false,
    ...over,
  });

  beforeAll(async () => {
    server = await startTongke();
    teacher = await joined('teacher', '林老师');
    classroom = await joined('classroom', '三(1)班');
    classroom.on('annotation', (m: AnnotationMessage) => received.push(m));
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
  });

  it('sends the teacher’s stroke and its later points to the classroom', async () => {
    expect((await send(teacher, 'annotationStroke', stroke())).ok).toBe(true);
    const more = { pageId: 'p1', strokeId: 'a1', points: [0.75, 0.5], done: true };
    expect((await send(teacher, 'annotationPoints', more)).ok).toBe(true);
    await waitUntil(
      () => received.length,
      (n) => n === 2,
      { timeoutMs: 5000, what: 'two messages' },
    );
    expect(received.map((m) => m.op)).toEqual(['stroke', 'points']);
    expect((await state(classroom)).page.strokes).toEqual([
      {
        id: 'a1',
        tool: 'pen',
        color: '#e53935',
        width: 0.003,
        points: [0.25, 0.25, 0.5, 0.5, 0.75, 0.5],
        done: true,
      },
    ]);
  });

  it('refuses, naming the field, and changes nothing', async () => {
    const before = await state(teacher);
    const cases: [Socket, string, unknown, string, string | undefined][] = [
      [classroom, 'annotationStroke', stroke({ strokeId: 'c1' }), 'forbidden', undefined],
      [classroom, 'annotationClear', { pageId: 'p1' }, 'forbidden', undefined],
      [
        teacher,
        'annotationStroke',
        stroke({ strokeId: 'b1', points: [0.5, 1.5] }),
        'invalid_payload',
        '/points/1',
      ],
      [
        teacher,
        'annotationStroke',
        stroke({ strokeId: 'b2', points: [0.5, -0.1] }),
        'invalid_payload',
        '/points/1',
      ],
      [
        teacher,
        'annotationStroke',
        stroke({ strokeId: 'b3', points: Array(1026).fill(0.5) }),
        'invalid_payload',
        '/points',
      ],
      [
        teacher,
        'annotationStroke',
        stroke({ strokeId: 'b4', points: [0.5, 0.5, 0.5] }),
        'invalid_payload',
        '/points',
      ],
      [
        teacher,
        'annotationStroke',
        stroke({ strokeId: 'b5', pageId: 'p9' }),
        'not_found',
        '/pageId',
      ],
      [
        teacher,
        'annotationPoints',
        { pageId: 'p1', strokeId: 'zz', points: [0.1, 0.1], done: true },
        'not_found',
        '/strokeId',
      ],
      [
        teacher,
        'annotationPoints',
        { pageId: 'p1', strokeId: 'a1', points: [0.1, 0.1], done: true },
        'forbidden',
        '/strokeId',
      ],
      [
        teacher,
        'annotationStroke',
        stroke({ strokeId: 'b6', color: 'red' }),
        'invalid_payload',
        '/color',
      ],
      [
        teacher,
        'annotationStroke',
        stroke({ strokeId: 'b7', tool: 'laser' }),
        'invalid_payload',
        '/tool',
      ],
      [teacher, 'annotationGoToPage', { pageId: 'p7' }, 'not_found', '/pageId'],
      [teacher, 'annotationNewPage', { background: 'video' }, 'invalid_payload', '/background'],
    ];
    for (const [socket, event, payload, code, field] of cases) {
      const reply = await send(socket, event, payload);
      expect(reply.ok, `${event} ${JSON.stringify(payload).slice(0, 80)}`).toBe(false);
      expect(reply.error?.code, event).toBe(code);
      expect(reply.error?.field, `${event}: field`).toBe(field);
    }
    expect(await state(teacher)).toEqual(before);
    expect(received).toHaveLength(2);
  });

  it('gives a classroom that comes back the current page with its strokes', async () => {
    classroom.disconnect();
    const again = await joined('classroom', '三(1)班');
    const snapshot = await state(again);
    expect(snapshot.page.id).toBe('p1');
    expect(snapshot.page.strokes.map((s) => s.id)).toEqual(['a1']);
  });

  it('keeps strokes per page; a whiteboard page is blank, going back brings them back', async () => {
    const blank = (await send(teacher, 'annotationNewPage', { background: 'blank' }))
      .data as PageSnapshot;
    expect(blank.page).toEqual({ id: 'p2', background: 'blank', strokes: [] });
    expect(
      (
        await send(
          teacher,
          'annotationStroke',
          stroke({ pageId: 'p2', strokeId: 'w1', done: true }),
        )
      ).ok,
    ).toBe(true);
    const back = (await send(teacher, 'annotationGoToPage', { pageId: 'p1' })).data as PageSnapshot;
    expect(back.page.strokes.map((s) => s.id)).toEqual(['a1']);
    expect(back.pages.map((p) => p.background)).toEqual(['screen', 'blank']);
    expect((await send(teacher, 'annotationClear', { pageId: 'p1' })).ok).toBe(true);
    expect((await state(teacher)).page.strokes).toEqual([]);
  });
});
