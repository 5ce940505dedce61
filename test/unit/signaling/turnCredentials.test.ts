import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iceServersFor, turnCredentials } from '../../../server/signaling/turnCredentials';

describe('turnCredentials (coturn use-auth-secret)', () => {
  it('signs "expiry:who" with HMAC-SHA1 of the shared secret', () => {
    const now = Date.parse('2026-09-01T08:00:00Z');
    const { username, credential } = turnCredentials('s3cret', 'peer-1', now, 3600);
    expect(username).toBe(`${now / 1000 + 3600}:peer-1`);
    expect(credential).toBe(createHmac('sha1', 's3cret').update(username).digest('base64'));
  });

  it('gives no ICE servers without a TURN server', () => {
    expect(iceServersFor(undefined, 'p', 0)).toEqual([]);
    expect(iceServersFor({ urls: [], secret: 'x', ttlSeconds: 60 }, 'p', 0)).toEqual([]);
  });
});
