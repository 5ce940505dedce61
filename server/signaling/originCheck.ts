import type { IncomingMessage } from 'node:http';

/**
 * Browsers send `Origin` with a WebSocket upgrade; a page on another site must not ride a
 * signed-in teacher's browser into the signaling. Same host, or one of the configured
 * origins (a dev server), is allowed; no Origin at all is a non-browser client (a test
 * peer, a tool), which still needs a token or room code to do anything.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
