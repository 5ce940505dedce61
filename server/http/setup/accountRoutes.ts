// Accounts of a community's people, created and reset by its coordinator with a one-time
// password or an invitation link; the invited person chooses her password. Disabling and
// enabling are /auth/users/:userId/disable|enable (server/http/auth/accountRoutes.ts).
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ErrorReply } from '../../../shared/lessons';
import { TokenReply } from '../../../shared/auth';
import {
  AcceptInvitationBody,
  AccountEditBody,
  AccountInfo,
  AccountIssued,
  NewAccountBody,
  ResetAccountBody,
  SetupAccountParams,
  SetupCommunityParams,
} from '../../../shared/setup';
import { Failure } from '../../errors/Failure';
import { assertOfficeSchool, setupScope, tags, type SetupRoutesOptions } from './common';

export const accountSetupRoutes: FastifyPluginAsync<SetupRoutesOptions> = async (
  app,
  { repo, users, accounts, issuing },
) => {
  const coordinator = app.requireRole('coordinator');
  const scope = setupScope(app, repo);
  const errors = { 400: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };

  /** A teacher's account names a teacher of the community who is not retired. */
  async function assertTeacher(request: FastifyRequest, communityId: string, teacherId?: string) {
    if (!teacherId) return;
    const { record } = await scope.member(request, communityId, 'teacher', teacherId).catch(() => {
      throw new Failure(
        'invalid_request',
        `body/teacherId: no teacher ${teacherId} in ${communityId}`,
        { details: [{ field: 'body/teacherId', message: 'not a teacher of this community' }] },
      );
    });
    if (record.retiredAt !== undefined)
      throw new Failure('invalid_request', `body/teacherId: ${teacherId} is retired`, {
        details: [{ field: 'body/teacherId', message: 'retired' }],
      });
  }

  async function accountIn(request: FastifyRequest, communityId: string, userId: string) {
    await scope.community(request, communityId);
    const user = await accounts.userById(userId);
    if (!user || !user.communityIds.includes(communityId))
      throw new Failure('not_found', `no account ${userId} in ${communityId}`);
    return user;
  }

  app.post<{ Params: SetupCommunityParams; Body: NewAccountBody }>(
    '/setup/communities/:communityId/accounts',
    {
      preHandler: coordinator,
      schema: {
        tags,
        summary:
          'Create an account in the community with a password shown once, or an invitation link (7 days, once)',
        params: SetupCommunityParams,
        body: NewAccountBody,
        response: { 201: AccountIssued, ...errors },
      },
    },
    async (request, reply) => {
      const { communityId } = request.params;
      const { schools } = await scope.community(request, communityId);
      const { delivery, teacherId, schoolId, ...rest } = request.body;
      assertOfficeSchool(rest.role, schoolId, schools, communityId);
      if (rest.role === 'teacher' && !teacherId)
        throw new Failure(
          'invalid_request',
          'body/teacherId: a teacher account names her teacher record',
          { details: [{ field: 'body/teacherId', message: 'required for a teacher' }] },
        );
      await assertTeacher(request, communityId, teacherId);
      const user = await accounts.createUser({
        ...rest,
        communityIds: [communityId],
        ...(teacherId ? { teacherId } : {}),
        ...(schoolId ? { schoolId } : {}),
        // replaced at once by the password or invitation handed over
        password: randomUUID(),
      });
      if (!user)
        throw new Failure('login_taken', `登录名 ${rest.login} 已存在 Login ${rest.login} exists`, {
          details: [{ field: 'body/login', message: 'taken' }],
        });
      request.log.info(
        { sub: request.principal!.sub, userId: user.id, role: user.role, schoolId, delivery },
        'account created',
      );
      return reply.code(201).send(await issuing.issue(user, delivery));
    },
  );

  app.put<{ Params: SetupAccountParams; Body: AccountEditBody }>(
    '/setup/communities/:communityId/accounts/:userId',
    {
      preHandler: coordinator,
      schema: {
        tags,
        summary: "Edit an account's name or the teacher record it belongs to",
        params: SetupAccountParams,
        body: AccountEditBody,
        response: { 200: AccountInfo, ...errors },
      },
    },
    async (request) => {
      const { communityId, userId } = request.params;
      const user = await accountIn(request, communityId, userId);
      await assertTeacher(request, communityId, request.body.teacherId);
      await users.updateUser(user.id, request.body);
      return issuing.info((await accounts.userById(user.id))!);
    },
  );

  app.post<{ Params: SetupAccountParams; Body: ResetAccountBody }>(
    '/setup/communities/:communityId/accounts/:userId/reset',
    {
      preHandler: coordinator,
      schema: {
        tags,
        summary:
          'Reset a password: a new one shown once, or an invitation link; every session of the account ends at once',
        params: SetupAccountParams,
        body: ResetAccountBody,
        response: { 200: AccountIssued, ...errors },
      },
    },
    async (request) => {
      const { communityId, userId } = request.params;
      const user = await accountIn(request, communityId, userId);
      if (user.id === request.principal!.sub)
        throw new Failure(
          'own_account',
          '请用“修改密码”修改自己的密码 Change your own password instead',
        );
      request.log.info({ sub: request.principal!.sub, userId }, 'password reset');
      return issuing.issue(user, request.body.delivery);
    },
  );

  app.post<{ Body: AcceptInvitationBody }>(
    '/auth/invitations/accept',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary:
          'The invited person chooses her password (the link works once); the reply is her session',
        body: AcceptInvitationBody,
        response: { 200: TokenReply, 401: ErrorReply, 429: ErrorReply },
      },
    },
    async (request) => {
      const session = await issuing.accept(request.body.code, request.body.newPassword);
      if (!session) {
        request.log.warn('invitation refused');
        throw new Failure(
          'bad_code',
          '邀请链接已使用、已过期或账号已停用 This invitation was used, expired, or the account is disabled',
        );
      }
      return session;
    },
  );
};
