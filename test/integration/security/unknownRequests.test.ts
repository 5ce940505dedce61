// Every request gets an answer: one the catalogue does not name, and one sent without a
// payload, are refused at once instead of leaving the client to its timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { requests } from '../../../shared/signaling/events';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';

describe('signaling answers every request', () => {
  let server: TestServer;
  let raw: Socket;

  beforeAll(async () => {
    server = await startTongke();
    raw = io(`${server.url}/live`, { transports: ['websocket'] });
    await new Promise((r) => raw.once('connect', () => r(undefined)));
  });

  afterAll(async () => {
    raw?.disconnect();
    await server?.close();
  });

  it('refuses an unknown request by name', async () => {
    for (const name of ['hack', 'constructor', '__proto__', 'toString', 'x'.repeat(500)]) {
      const reply = await raw.timeout(1000).emitWithAck(name, { a: 1 });
      expect(reply).toMatchObject({ ok: false, error: { code: 'unknown_request', field: '/' } });
    }
    const bare = await raw.timeout(1000).emitWithAck('nothing');
    expect(bare.error.code).toBe('unknown_request');
  });

  it('refuses every request sent without a payload, or with null', async () => {
    let sent = 0;
    for (const name of Object.keys(requests)) {
      // Two requests each, more names than the socket's 50 a second: paced under its budget.
      if (++sent % 20 === 0) await new Promise((r) => setTimeout(r, 1100));
      const none = await raw.timeout(1000).emitWithAck(name);
      expect(none, name).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload', field: '/' },
      });
      const nothing = await raw.timeout(1000).emitWithAck(name, null);
      expect(nothing.error.code, name).toBe('invalid_payload');
    }
  });
});
