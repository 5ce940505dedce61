// Logins for people, users created by coordinators, enrolment codes for classroom PCs.
import type { FastifyPluginAsync, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import {
  ChangePasswordBody,
  DeviceInfo,
  DeviceList,
  DeviceParams,
  DevicesQuery,
  EnrolBody,
  EnrolmentReply,
  IdReply,
  LoginBody,
  NewEnrolmentBody,
  NewUserBody,
  Principal,
  TokenReply,
} from '../../../shared/auth';
import { ErrorReply } from '../../../shared/lessons';
import type { Accounts } from '../../auth/accounts';
import { Failure } from '../../errors/Failure';
import { AccessError } from '../../auth/authPlugin';

export interface AuthRoutesOptions {
  accounts: Accounts;
  /** The classroom if it belongs to the community (the timetable's records), else undefined. */
  classroomIn(
    communityId: string,
    classroomId: string,
  ): Promise<{ id: string; name: string } | undefined>;
  /** The ids of the community's schools (core and members); empty for an unknown community. */
  schoolsOf(communityId: string): Promise<string[]>;
  /** guesses (passwords, codes) a minute: per login name, and per client address */
  limits?: { perAccount: number; perAddress: number };
}

const tags = ['auth'];

export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (
  app,
  { accounts, classroomIn, schoolsOf, limits = { perAccount: 10, perAddress: 600 } },
) => {
  // The app-wide limit (app.ts) is per client address; the routes that take guesses
  // (passwords, codes) are held to a lower one. A school's teachers log in at 08:00 from
  // one NAT address, so the address budget is large; one account's is small.
  const guessing = { rateLimit: { max: limits.perAddress, timeWindow: '1 minute' } };
  // A second budget beside the route's per-address one (the plugin runs one limiter per
  // request, so this one is checked by hand once the body is parsed).
  const budget = (key: (request: FastifyRequest) => string): preHandlerAsyncHookHandler => {
    const limiter = app.createRateLimit({
      max: limits.perAccount,
      timeWindow: '1 minute',
      keyGenerator: key,
    });
    return async (request, reply) => {
      const result = await limiter(request);
      if (result.isAllowed || !result.isExceeded) return;
      void reply.header('retry-after', String(result.ttlInSeconds));
      throw new Failure(
        'rate_limited',
        `请求过于频繁，请稍后再试 Too many requests: at most ${limits.perAccount} attempts a minute for one account`,
      );
    };
  };
  const perAccount = budget((request) => {
    const body = request.body as { login?: unknown } | undefined;
    return `login:${typeof body?.login === 'string' ? body.login.trim().toLowerCase() : ''}`;
  });
  const perPrincipal = budget((request) => `password:${request.principal?.sub ?? request.ip}`);
  app.post<{ Body: LoginBody }>(
    '/auth/login',
    {
      config: guessing,
      preHandler: perAccount,
      schema: {
        tags,
        summary: 'Log in with a login and password; returns a bearer token',
        body: LoginBody,
        response: { 200: TokenReply, 401: ErrorReply, 429: ErrorReply },
      },
    },
    async (request) => {
      const result = await accounts.login(request.body.login, request.body.password);
      if (result === 'bad_credentials') {
        request.log.warn({ login: request.body.login }, 'login refused');
        throw new Failure('bad_credentials', '用户名或密码错误');
      }
      if (result === 'disabled') {
        request.log.warn({ login: request.body.login }, 'login of a disabled account refused');
        throw new Failure(
          'account_disabled',
          '此账号已停用，请联系协调员 This account is disabled; ask your coordinator',
        );
      }
      return result;
    },
  );

  app.get(
    '/auth/me',
    {
      preHandler: app.requireRole('coordinator', 'teacher', 'device', 'observer', 'district'),
      schema: { tags, summary: 'Who the bearer token says you are', response: { 200: Principal } },
    },
    async (request) => request.principal!,
  );

  app.post<{ Body: ChangePasswordBody }>(
    '/auth/password',
    {
      config: guessing,
      preHandler: [app.requireRole('coordinator', 'teacher', 'observer', 'district'), perPrincipal],
      schema: {
        tags,
        summary:
          'Change your own password: every token issued before stops working (live sessions end); the reply is a fresh token',
        body: ChangePasswordBody,
        response: { 200: TokenReply, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      const changed = await accounts.changePassword(
        request.principal!.sub,
        currentPassword,
        newPassword,
      );
      if (!changed) {
        request.log.warn({ sub: request.principal!.sub }, 'password change refused');
        throw new Failure(
          'wrong_current_password',
          '当前密码不正确 The current password is wrong',
          { details: [{ field: 'body/currentPassword', message: 'does not match' }] },
        );
      }
      return reply.code(200).send(changed);
    },
  );

  /**
   * A district creates its communities' coordinators only; a coordinator creates people of
   * her communities, never a district account. Every account but a district's names a
   * community; a district's names its district, and only a district is named so.
   */
  function assertRoleMayCreate(request: FastifyRequest, body: NewUserBody) {
    const p = request.principal!;
    const refuse = (why: string) => {
      request.log.warn({ sub: p.sub, role: p.role, newRole: body.role }, why);
      return new AccessError(403, `role ${p.role} may not create a ${body.role} account`);
    };
    if (p.role === 'district' && body.role !== 'coordinator')
      throw refuse('district created a non-coordinator account');
    if (body.role === 'district') throw refuse('account of a district created over the API');
    if (body.communityIds.length === 0)
      throw new Failure('invalid_request', 'communityIds: at least one', {
        details: [{ field: '/communityIds', message: 'at least one' }],
      });
    if (body.district !== undefined)
      throw new Failure('invalid_request', 'district: only a district account names one', {
        details: [{ field: '/district', message: 'only for a district account' }],
      });
  }

  /** A school office acts for one school of its one community; nobody else names a school. */
  async function assertSchoolOffice({ role, schoolId, communityIds }: NewUserBody) {
    const bad = (message: string) =>
      new Failure('invalid_request', `schoolId: ${message}`, {
        details: [{ field: '/schoolId', message }],
      });
    if (role !== 'school_office') {
      if (schoolId !== undefined) throw bad('only a school office names a school');
      return;
    }
    if (!schoolId) throw bad('required for a school office');
    if (communityIds.length !== 1)
      throw new Failure('invalid_request', 'communityIds: a school office has one community', {
        details: [{ field: '/communityIds', message: 'exactly one' }],
      });
    if (!(await schoolsOf(communityIds[0]!)).includes(schoolId))
      throw bad(`no school ${schoolId} in ${communityIds[0]}`);
  }

  app.post<{ Body: NewUserBody }>(
    '/auth/users',
    {
      preHandler: app.requireRole('coordinator', 'district'),
      schema: {
        tags,
        summary:
          "A coordinator creates a login in their own communities; a district, its communities' coordinators",
        body: NewUserBody,
        response: { 201: IdReply, 400: ErrorReply, 403: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      assertRoleMayCreate(request, request.body);
      for (const id of request.body.communityIds) app.assertCommunity(request, id);
      await assertSchoolOffice(request.body);
      const user = await accounts.createUser(request.body);
      if (!user) throw new Failure('login_taken', `login ${request.body.login} exists`);
      return reply.code(201).send({ id: user.id });
    },
  );

  app.post<{ Body: NewEnrolmentBody }>(
    '/devices/enrolments',
    {
      preHandler: app.requireRole('coordinator'),
      schema: {
        tags,
        summary: 'A one-time code that enrols one classroom PC (works once, expires)',
        body: NewEnrolmentBody,
        response: { 201: EnrolmentReply, 403: ErrorReply, 422: ErrorReply },
      },
    },
    async (request, reply) => {
      const { communityId, classroomId, ttlMinutes } = request.body;
      app.assertCommunity(request, communityId);
      const classroom = await classroomIn(communityId, classroomId);
      if (!classroom) {
        throw new Failure(
          'classroom_not_in_community',
          `classroom ${classroomId} is not in community ${communityId}`,
          { details: [{ field: '/classroomId' }] },
        );
      }
      const result = await accounts.createEnrolment(
        request.principal!,
        communityId,
        classroom,
        ttlMinutes === undefined ? undefined : ttlMinutes * 60_000,
      );
      return reply.code(201).send(result);
    },
  );

  app.post<{ Body: EnrolBody }>(
    '/devices/enrol',
    {
      config: guessing,
      schema: {
        tags,
        summary: 'The classroom PC trades its code for a long-lived device token',
        body: EnrolBody,
        response: { 200: TokenReply, 401: ErrorReply },
      },
    },
    async (request) => {
      const result = await accounts.enrol(request.body.code);
      if (!result) {
        request.log.warn('enrolment code refused');
        throw new Failure('bad_code', '注册码无效、已使用或已过期');
      }
      return result;
    },
  );

  app.get<{ Querystring: DevicesQuery }>(
    '/devices',
    {
      preHandler: app.requireRole('coordinator'),
      schema: {
        tags,
        summary: "The community's enrolled classroom PCs, revoked ones included, newest first",
        querystring: DevicesQuery,
        response: { 200: DeviceList, 403: ErrorReply },
      },
    },
    async (request) => {
      app.assertCommunity(request, request.query.communityId);
      return accounts.devicesIn(request.query.communityId);
    },
  );

  app.post<{ Params: DeviceParams }>(
    '/devices/:deviceId/revoke',
    {
      preHandler: app.requireRole('coordinator'),
      schema: {
        tags,
        summary: 'Revoke a classroom PC (lost, replaced): its token stops working at once',
        params: DeviceParams,
        response: { 200: DeviceInfo, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const device = await accounts.device(request.params.deviceId);
      if (!device) throw new Failure('not_found', `no device ${request.params.deviceId}`);
      app.assertCommunity(request, device.communityId);
      const revoked = await accounts.revokeDevice(request.principal!, device.deviceId);
      request.log.info(
        { sub: request.principal!.sub, deviceId: device.deviceId, classroomId: device.classroomId },
        'device revoked',
      );
      return revoked;
    },
  );
};
