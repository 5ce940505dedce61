// Decisions the live rooms must act on wherever they are: a classroom PC revoked leaves its
// room now, a lesson transition closes or opens rooms. Made on one node, they reach the
// others through the cluster (nothing to reach with a single node).
import type { Accounts } from '../auth/accounts';
import type { LessonLifecycle } from '../lessons/LessonLifecycle';
import type { Cluster } from './cluster';
import type { LiveRooms } from './LiveRooms';

export interface NodeDecisionsDeps {
  cluster: Cluster;
  rooms: LiveRooms;
  accounts: Pick<Accounts, 'on'>;
  lifecycle: Pick<LessonLifecycle, 'on' | 'observe'>;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export function shareNodeDecisions({
  cluster,
  rooms,
  accounts,
  lifecycle,
  log,
}: NodeDecisionsDeps): void {
  const dismissDevice = (deviceId: string) => {
    const ended = rooms.dismissWhere(
      (p) => p.principal?.deviceId === deviceId,
      '此教室电脑的注册已被撤销 This PC was revoked',
    );
    log.info({ deviceId, ended }, 'revoked device dismissed');
  };
  accounts.on('deviceRevoked', (device) => {
    dismissDevice(device.deviceId);
    cluster.publish('deviceRevoked', device.deviceId);
  });
  cluster.on('deviceRevoked', dismissDevice);

  // A changed password ends every session of the account, wherever it is (a stolen token's
  // too); the device's own PC has its own revocation above.
  const endSessions = (userId: string) => {
    const ended = rooms.dismissWhere(
      (p) => p.principal?.sub === userId && p.principal.role !== 'device',
      '会话已结束（密码已修改或账号已停用），请重新登录 Your session ended (password changed or account disabled); sign in again',
    );
    log.info({ userId, ended }, 'sessions of the account ended');
  };
  accounts.on('sessionsEnded', (userId) => {
    endSessions(userId);
    cluster.publish('sessionsEnded', userId);
  });
  cluster.on('sessionsEnded', endSessions);

  // This node's transitions go out; the others' come back in as `remote` ones, which the
  // lesson bridge acts on like its own.
  lifecycle.on('transition', (t) => {
    if (t.remote) return;
    const { occurrenceId, from, to, at, cause, by } = t;
    cluster.publish('lessonTransition', {
      occurrenceId,
      from,
      to,
      at,
      cause,
      ...(by !== undefined ? { by } : {}),
    });
  });
  cluster.on('lessonTransition', (t) => {
    lifecycle.observe(t).catch((error: Error) => {
      log.warn({ err: error.message, occurrenceId: t.occurrenceId }, 'remote transition lost');
    });
  });
}
