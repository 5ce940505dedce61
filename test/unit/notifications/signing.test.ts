// Webhook signatures, the backoff schedule and which URLs a webhook may have.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newSecret, sign, verify } from '../../../server/notifications/signing';
import { nextAttemptAt } from '../../../server/notifications/backoff';
import { webhookUrlProblem } from '../../../server/notifications/webhookUrl';

describe('webhook signing', () => {
  const secret = newSecret();
  const body = '{"type":"lesson_moved","text":{"zh":"调课"}}';
  const now = 1_790_000_000_000;
  const ts = Math.floor(now / 1000);

  it('is HMAC-SHA256 over "timestamp.body" with the secret, as hex', () => {
    const hex = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    expect(sign(secret, ts, body)).toBe(`sha256=${hex}`);
    expect(newSecret()).not.toBe(secret);
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
  });

  it('verifies the body it signed, and nothing else', () => {
    const signature = sign(secret, ts, body);
    expect(verify(secret, { signature, timestamp: String(ts) }, body, now)).toBe(true);
    expect(verify(secret, { signature, timestamp: String(ts) }, `${body} `, now)).toBe(false);
    expect(verify(newSecret(), { signature, timestamp: String(ts) }, body, now)).toBe(false);
    // A replay with a new timestamp does not match the signature of the old one.
    expect(verify(secret, { signature, timestamp: String(ts + 1) }, body, now)).toBe(false);
    expect(verify(secret, { signature: undefined, timestamp: String(ts) }, body, now)).toBe(false);
  });

  it('refuses a timestamp older than the tolerance (a replayed delivery)', () => {
    const signature = sign(secret, ts, body);
    expect(verify(secret, { signature, timestamp: String(ts) }, body, now + 299_000)).toBe(true);
    expect(verify(secret, { signature, timestamp: String(ts) }, body, now + 301_000)).toBe(false);
  });
});

describe('retries', () => {
  it('wait 1 s, 5 s, 30 s, 2 min, 10 min, then give up', () => {
    const waits = [1, 2, 3, 4, 5, 6].map((n) => nextAttemptAt(n, 1000));
    expect(waits).toEqual([2_000, 6_000, 31_000, 121_000, 601_000, undefined]);
    expect(nextAttemptAt(1, 0, [10, 20])).toBe(10);
    expect(nextAttemptAt(3, 0, [10, 20])).toBeUndefined();
  });
});

describe('webhook URLs', () => {
  it('are http or https with a host and no credentials', () => {
    expect(webhookUrlProblem('https://oapi.dingtalk.com/robot/send?access_token=x')).toBe(
      undefined,
    );
    expect(webhookUrlProblem('http://10.0.0.5:8080/hook')).toBeUndefined();
    expect(webhookUrlProblem('ftp://example.org/x')).toBe('scheme_not_allowed');
    expect(webhookUrlProblem('javascript:alert(1)')).toBe('scheme_not_allowed');
    expect(webhookUrlProblem('file:///etc/passwd')).toBe('scheme_not_allowed');
    expect(webhookUrlProblem('not a url')).toBe('not_a_url');
    expect(webhookUrlProblem('https://user:pw@example.org/')).toBe('credentials_in_url');
  });
});
