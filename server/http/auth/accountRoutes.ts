// Sessions from links (a one-time code traded for a token) and accounts a coordinator
// disables or enables again. Logins and passwords are in authRoutes.ts.
import type { FastifyPluginAsync } from 'fastify';
import { ExchangeBody, TokenReply } from '../../../shared/auth';
import { ErrorReply } from '../../../shared/lessons';
import type { Accounts } from '../../auth/accounts';
import type { SignInCodes } from '../../auth/signInCodes';

export interface AccountRoutesOptions {
  accounts: Accounts;
  codes: SignInCodes;
  /** code guesses a minute per client address (the login routes' address budget) */
  perAddress?: number;
}

const tags = ['auth'];

export const accountRoutes: FastifyPluginAsync<AccountRoutesOptions> = async (
  app,
  { codes, perAddress = 600 },
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
    async (request, reply) => {
      const result = await codes.exchange(request.body.code);
      if (!result) {
        request.log.warn('sign-in code refused');
        return reply
          .code(401)
          .send({ error: 'bad_code', message: '链接已使用或已过期 This link was used or expired' });
      }
      return result;
    },
  );
};
