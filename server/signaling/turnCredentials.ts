import { createHmac } from 'node:crypto';

export interface IceServer {
  urls: string[];
  username: string;
  credential: string;
}

/**
 * Time-limited TURN credentials in coturn's `use-auth-secret` scheme (the "TURN REST API"):
 * username = expiry (unix seconds) + ":" + who, credential = base64(HMAC-SHA1(secret,
 * username)). coturn checks them with the same shared secret; nothing is stored, and a
 * leaked credential dies with its expiry.
 */
export function turnCredentials(
  secret: string,
  who: string,
  now: number,
  ttlSeconds: number,
): { username: string; credential: string } {
  const username = `${Math.floor(now / 1000) + ttlSeconds}:${who}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/** The ICE servers a joining client gets, or none when no TURN server is configured. */
export function iceServersFor(
  turn: { urls: string[]; secret: string; ttlSeconds: number } | undefined,
  who: string,
  now: number,
): IceServer[] {
  if (!turn || turn.urls.length === 0) return [];
  return [{ urls: turn.urls, ...turnCredentials(turn.secret, who, now, turn.ttlSeconds) }];
}
