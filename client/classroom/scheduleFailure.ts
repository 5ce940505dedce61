// What a classroom PC does when asking for its schedule fails. Only the server's word that
// the enrolment was revoked (401 `device_revoked`) erases it: that needs a person with a
// new code. Everything else — no network, a server restarting (5xx), another 401 (a token
// the server may renew) — is retried with backoff, and shown as a small status.
import { bilingual, describeRefusal, messageOf } from '../../shared/messages';
import { HttpError } from './schedule';

export type ScheduleFailure = { kind: 'revoked' } | { kind: 'retry'; status: string };

const retrying = '，正在重试… retrying';

export function scheduleFailure(error: unknown): ScheduleFailure {
  if (!(error instanceof HttpError)) {
    return { kind: 'retry', status: '无法连接服务器，正在重试… Server unreachable, retrying' };
  }
  if (error.status === 401 && error.code === 'device_revoked') return { kind: 'revoked' };
  if (error.status >= 500) {
    return { kind: 'retry', status: `${describeRefusal('unavailable')}（${error.status}）` };
  }
  const known = messageOf(error.code);
  const said = known ? bilingual(known) : `服务器暂未接受本机的请求（${error.status}）`;
  return { kind: 'retry', status: `${said}${retrying}` };
}
