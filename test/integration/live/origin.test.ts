// A page on another site cannot open the signaling socket in a signed-in browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { startTongke, type TestServer } from '../../helpers/tongkeServer';

function connects(url: string, origin?: string): Promise<boolean> {
  const socket = io(`${url}/live`, {
    transports: ['websocket'],
    reconnection: false,
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
  return new Promise((resolve) => {
    socket.once('connect', () => (socket.disconnect(), resolve(true)));
    socket.once('connect_error', () => (socket.disconnect(), resolve(false)));
  });
}

describe('WebSocket Origin check', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTongke({ allowedOrigins: 'http://localhost:5173' });
  });
  afterAll(() => server?.close());

  it('lets the server’s own pages, configured origins and non-browser clients in', async () => {
    expect(await connects(server.url, server.url)).toBe(true);
    expect(await connects(server.url, 'http://localhost:5173')).toBe(true);
    expect(await connects(server.url)).toBe(true);
  });

  it('refuses a page from another site', async () => {
    expect(await connects(server.url, 'https://evil.example')).toBe(false);
  });
});
