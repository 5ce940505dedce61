// Sessions from links (a one-time code traded for a token) and accounts a coordinator
// disables or enables again. Logins and passwords are in authRoutes.ts.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AccountState, ExchangeBody, TokenReply, UserParams } from '../../../shared/auth';
import { ErrorReply } from '../../../shared/lessons';
import type { Accounts } from '../../auth/accounts';
import type { SignInCodes } from '../../auth/signInCodes';
import { Failure } from '../../errors/Failure';

export interface AccountRoutesOptions {
  accounts: Accounts;
  codes: SignInCodes;
  /** code guesses a minute per client address (the login routes' address budget) */
  perAddress?: number;
}

const tags = ['auth'];

export const accountRoutes: FastifyPluginAsync<AccountRoutesOptions> = async (
  app,
  { accounts, codes, perAddress = 600 },
) => {
  app.post<{ Body: ExchangeBody }>(
    '/auth/exchange',
    {
      config: { rateLimit: { max: perAddress, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: "Trade a link's one-time sign-in code for a bearer token (works once)",
        body: ExchangeBody,
        response: { 200: TokenReply, 401: ErrorReply, 429: ErrorReply },
      },
    },
    async (request) => {
      const result = await codes.exchange(request.body.code);
      if (!result) {
        request.log.warn('sign-in code refused');
        throw new Failure('bad_code', '链接已使用或已过期 This link was used or expired');
      }
      return result;
    },
  );

  /** The account, if it is a person in one of the coordinator's communities. */
  async function accountOf(request: FastifyRequest<{ Params: UserParams }>) {
    const user = await accounts.userById(request.params.userId);
    if (!user) throw new Failure('not_found', `no account ${request.params.userId}`);
    const p = request.principal!;
    const shared = user.communityIds.find((id) => p.communityIds.includes(id));
    app.assertCommunity(request, shared ?? user.communityIds[0] ?? '(none)');
    return user;
  }

  const change = {
    preHandler: app.requireRole('coordinator'),
    schema: {
      tags,
      params: UserParams,
      response: { 200: AccountState, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply },
    },
  };

  app.post<{ Params: UserParams }>(
    '/auth/users/:userId/disable',
    {
      ...change,
      schema: {
        ...change.schema,
        summary:
          'A coordinator disables an account of their community: no login, every token refused, live sessions end',
      },
    },
    async (request) => {
      const user = await accountOf(request);
      if (user.id === request.principal!.sub) {
        throw new Failure('own_account', '不能停用自己的账号 You cannot disable yourself', {
          details: [{ field: '/userId' }],
        });
      }
      const disabledAt = await accounts.disable(user.id);
      request.log.info({ sub: request.principal!.sub, userId: user.id }, 'account disabled');
      return { userId: user.id, disabledAt };
    },
  );

  app.post<{ Params: UserParams }>(
    '/auth/users/:userId/enable',
    {
      ...change,
      schema: {
        ...change.schema,
        summary: 'A coordinator enables a disabled account again (its old tokens stay ended)',
      },
    },
    async (request) => {
      const user = await accountOf(request);
      await accounts.enable(user.id);
      request.log.info({ sub: request.principal!.sub, userId: user.id }, 'account enabled');
      return { userId: user.id };
    },
  );
};
