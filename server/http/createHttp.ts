// The HTTP part: the fastify instance and what every route of it gets (layer 1 of
// fastify's three: headers, API docs, the per-address rate limit, the one error handler).
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { listOf, type Config } from '../config';
import { errorHandlerFor } from './errorHandler';
import { redactToken } from './redactToken';
import { securityHeaders } from './securityHeaders';

export function createHttp(config: Config): FastifyInstance {
  return Fastify({
    logger: {
      level: config.logLevel,
      // Tokens never reach the log: not from the header, not from a link's query string.
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: redactToken(req.url),
          remoteAddress: req.ip,
        }),
      },
    },
    bodyLimit: 1024 * 1024,
    // Behind the TLS front door (infra/nginx) the client is the proxy's X-Forwarded-For.
    trustProxy: listOf(config.trustProxy),
  });
}

/** Layer 1: what any HTTP API of ours gets, before the services and the routes. */
export async function registerHttpBasics(
  http: FastifyInstance,
  config: Config,
  storeReachable: () => boolean,
): Promise<void> {
  http.setErrorHandler(errorHandlerFor(storeReachable));
  await http.register(securityHeaders);
  await http.register(swagger, {
    openapi: {
      info: { title: 'Tongke 同课 API', version: '0.1.0' },
      tags: [{ name: 'system' }],
    },
  });
  await http.register(swaggerUi, { routePrefix: '/api/docs' });
  // Per client address. A school's classroom PCs share one NAT address and each asks for
  // its schedule every 20 s: the default leaves ample room for that.
  await http.register(rateLimit, { max: config.httpRequestsPerMinute, timeWindow: '1 minute' });
}
