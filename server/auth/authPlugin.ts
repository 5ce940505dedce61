import fp from 'fastify-plugin';
import type { FastifyRequest, preHandlerHookHandler } from 'fastify';
import { Failure } from '../errors/Failure';
import type { Principal, Role } from '../../shared/auth';
import type { ResolvePrincipal } from './principals';
import type { TokenIssuer } from './tokens';
import type { ExplainRefusal, TokenRefusal } from './tokenRefusal';
import { describeRefusal } from '../../shared/messages';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified bearer, or null for an anonymous request. */
    principal: Principal | null;
    /** why a bearer token that was shown is refused (the 401's machine code) */
    tokenRefusal: TokenRefusal | undefined;
  }
  interface FastifyInstance {
    tokens: TokenIssuer;
    /**
     * preHandler: 401 without a valid token, 403 for a role not listed, 403 for a link
     * token (one made for a single research room, see Principal.occurrenceId).
     */
    requireRole(...roles: Role[]): preHandlerHookHandler;
    /** requireRole that also lets link tokens through: the route checks their lesson. */
    requireRoleOrLink(...roles: Role[]): preHandlerHookHandler;
    /** Throws a 403 (and logs it) unless the principal may act in the community. */
    assertCommunity(request: FastifyRequest, communityId: string): void;
  }
}

/** 401: no valid token; 403: this bearer may not. A Failure like any other refusal. */
export class AccessError extends Failure {
  override name = 'AccessError';
  constructor(status: 401 | 403, message: string) {
    super(status === 401 ? 'unauthorized' : 'forbidden', message);
  }
}

/**
 * The Authorization header only: a token in a URL ends up in histories, proxy logs and
 * Referer headers. Calendar feeds take a feed token of their own (http/timetable/icalFeeds).
 */
function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

export interface AuthPluginOptions {
  tokens: TokenIssuer;
  /** token → principal, revoked devices refused (principals.ts) */
  resolvePrincipal: ResolvePrincipal;
  /** why a refused token is refused (tokenRefusal.ts); absent: plain `unauthorized` */
  explainRefusal?: ExplainRefusal;
}

/** Reads the bearer token on every request; routes opt into the checks they need. */
export const authPlugin = fp<AuthPluginOptions>(
  async (app, { tokens, resolvePrincipal, explainRefusal }) => {
    app.decorate('tokens', tokens);
    app.decorateRequest('principal', null);
    app.decorateRequest('tokenRefusal', undefined);
    app.addHook('onRequest', async (request) => {
      const token = bearer(request);
      request.principal = token ? ((await resolvePrincipal(token)) ?? null) : null;
      if (token && !request.principal && explainRefusal) {
        request.tokenRefusal = await explainRefusal(token);
      }
    });
    const roleCheck = (roles: Role[], links: boolean) => {
      // Thrown, not replied: the error handler answers them from the one table.
      return async (request: FastifyRequest) => {
        const p = request.principal;
        if (!p) {
          // A revoked PC is told so (it must be enrolled again); anything else may heal.
          const code = request.tokenRefusal ?? 'unauthorized';
          throw new Failure(code, describeRefusal(code));
        }
        if (!roles.includes(p.role)) {
          request.log.warn({ sub: p.sub, role: p.role, url: request.url }, 'role refused');
          throw new AccessError(403, `role ${p.role} may not do this`);
        }
        if (p.occurrenceId !== undefined && !links) {
          request.log.warn({ sub: p.sub, url: request.url }, 'link token refused');
          throw new AccessError(403, 'this link only opens its research room');
        }
      };
    };
    app.decorate('requireRole', (...roles: Role[]) => roleCheck(roles, false));
    app.decorate('requireRoleOrLink', (...roles: Role[]) => roleCheck(roles, true));
    app.decorate('assertCommunity', (request: FastifyRequest, communityId: string) => {
      const p = request.principal;
      if (!p) throw new AccessError(401, 'a valid token is required');
      if (!p.communityIds.includes(communityId)) {
        request.log.warn(
          { sub: p.sub, role: p.role, communityId, url: request.url },
          'cross-community access refused',
        );
        throw new AccessError(403, `no access to community ${communityId}`);
      }
    });
  },
  { name: 'tongke-auth' },
);
