// Webhook signatures: HMAC-SHA256 with the webhook's own secret over `${timestamp}.${body}`
// (the raw body, byte for byte), sent as `X-Tongke-Signature: sha256=<hex>` beside
// `X-Tongke-Timestamp: <unix seconds>`. The timestamp is inside what is signed, so a
// receiver that refuses old timestamps refuses a replayed delivery (docs/notifications.md).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new webhook secret: 32 random bytes, hex, shown to the coordinator once. */
export const newSecret = () => `whsec_${randomBytes(32).toString('hex')}`;

export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does: recompute and compare in constant time, and refuse a timestamp
 * more than `toleranceS` away from its own clock.
 */
export function verify(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  nowMs: number,
  toleranceS = 300,
): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts)) return false;
  if (Math.abs(nowMs / 1000 - ts) > toleranceS) return false;
  const want = Buffer.from(sign(secret, ts, body));
  const got = Buffer.from(headers.signature);
  return want.length === got.length && timingSafeEqual(want, got);
}
