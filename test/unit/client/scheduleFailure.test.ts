// A classroom PC erases its enrolment only when the server says it was revoked.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../client/classroom/schedule';
import { scheduleFailure } from '../../../client/classroom/scheduleFailure';

describe('what a classroom PC does when /today fails', () => {
  it('erases its enrolment only for 401 device_revoked', () => {
    expect(scheduleFailure(new HttpError(401, 'revoked', 'device_revoked'))).toEqual({
      kind: 'revoked',
    });
  });

  it.each([
    ['another 401 (a token the server may renew)', new HttpError(401, 'x', 'token_expired')],
    ['a 401 without a code', new HttpError(401, 'Unauthorized')],
    ['a server restarting', new HttpError(503, 'Service Unavailable')],
    ['a 500', new HttpError(500, 'Internal Server Error', 'internal')],
    ['no network', new TypeError('Failed to fetch')],
  ])('retries after %s, and says so in Chinese first', (_what, error) => {
    const failure = scheduleFailure(error);
    expect(failure.kind).toBe('retry');
    expect(failure.kind === 'retry' && failure.status).toMatch(/^[\u4e00-\u9fff]/);
  });

  it('names the expired sign-in from the catalogue', () => {
    const failure = scheduleFailure(new HttpError(401, 'x', 'token_expired'));
    expect(failure.kind === 'retry' && failure.status).toContain('登录已过期');
  });
});
