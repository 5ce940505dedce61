// What a classroom PC does when asking for its schedule fails. Only the server's word that
// the enrolment was revoked (401 `device_revoked`) erases it: that needs a person with a
// new code. Everything else — no network, a server restarting (5xx), another 401 (a token
// the server may renew) — is retried with backoff, and shown as a small status.
import { describeRefusal } from '../../shared/messages';
import { HttpError } from './schedule';

export type ScheduleFailure =
  { kind: 'revoked' } | { kind: 'retry'; status: string; offline: boolean };

export function scheduleFailure(error: unknown): ScheduleFailure {
  if (error instanceof HttpError) {
    if (error.status === 401 && error.code === 'device_revoked') return { kind: 'revoked' };
    if (error.status >= 500) {
      return {
        kind: 'retry',
        status: `${describeRefusal('unavailable')}（${error.status}）`,
        offline: true,
      };
    }
    return {
      kind: 'retry',
      status: `${describeRefusal(error.code || String(error.status))}，正在重试… retrying`,
      offline: false,
    };
  }
  return {
    kind: 'retry',
    status: '无法连接服务器，正在重试… Server unreachable, retrying',
    offline: true,
  };
}
