import { EventEmitter } from 'node:events';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { RequestBudget, serveCatalogue, type Catalogue } from '../../../server/signaling/catalogue';

/** A socket enough for the edge: events in, acks out. */
class FakeSocket extends EventEmitter {
  #any: ((event: string, ...args: unknown[]) => void)[] = [];
  onAny(l: (event: string, ...args: unknown[]) => void) {
    this.#any.push(l);
  }
  request(event: string, ...args: unknown[]): Promise<unknown> {
    return new Promise((resolve) => {
      const all = [...args, resolve];
      for (const l of this.#any) l(event, ...all);
      this.emit(event, ...all);
    });
  }
}

const catalogue = (
  over: Partial<Catalogue<{ calls: string[] }>> = {},
): Catalogue<{ calls: string[] }> => ({
  requests: { greet: Type.Object({ name: Type.String({ minLength: 1 }) }), boom: Type.Object({}) },
  handlers: {
    greet: async (ctx, p: { name: string }) => (ctx.calls.push(p.name), `你好 ${p.name}`),
    boom: async () => {
      throw new Error('disk on fire');
    },
  } as Catalogue<{ calls: string[] }>['handlers'],
  ack: { ok: (data) => ({ ok: true, data }), refused: (r) => ({ ok: false, error: r }) },
  overBudget: { code: 'rate_limited', message: 'slow down' },
  invalid: (name, field, message) => ({
    code: 'invalid_payload',
    message: `${name}: ${field} ${message}`,
    field,
  }),
  toRefusal: () => ({ code: 'internal', message: 'internal error' }),
  unknown: (event) => ({ code: 'unknown_request', message: `unknown request ${event}` }),
  ...over,
});

function serve(over: Partial<Catalogue<{ calls: string[] }>> = {}, limit = 10) {
  const socket = new FakeSocket();
  const ctx = { calls: [] as string[] };
  serveCatalogue(socket, catalogue(over), new RequestBudget(limit, 1000, () => 0), ctx);
  return { socket, ctx };
}

describe('serving a catalogue of schemas on a socket', () => {
  it('dispatches a valid request to its handler and acks its answer', async () => {
    const { socket, ctx } = serve();
    expect(await socket.request('greet', { name: '李' })).toEqual({ ok: true, data: '你好 李' });
    expect(ctx.calls).toEqual(['李']);
  });

  it('refuses an invalid payload naming the field, before any handler runs', async () => {
    const { socket, ctx } = serve();
    expect(await socket.request('greet', { name: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', field: '/name' },
    });
    expect(ctx.calls).toEqual([]);
  });

  it('maps what a handler threw in one place', async () => {
    const { socket } = serve();
    expect(await socket.request('boom', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'internal error' },
    });
  });

  it('answers a request it does not know', async () => {
    const { socket } = serve();
    expect(await socket.request('nope', {})).toMatchObject({ error: { code: 'unknown_request' } });
  });

  it('refuses past its budget', async () => {
    const { socket } = serve({}, 2);
    await socket.request('greet', { name: 'a' });
    await socket.request('greet', { name: 'b' });
    expect(await socket.request('greet', { name: 'c' })).toMatchObject({
      error: { code: 'rate_limited' },
    });
  });

  it('runs the guard after validation and before the handler', async () => {
    const { socket, ctx } = serve({ guard: () => ({ code: 'room_full', message: 'full' }) });
    expect(await socket.request('greet', { name: 'a' })).toMatchObject({
      error: { code: 'room_full' },
    });
    expect(ctx.calls).toEqual([]);
  });
});
