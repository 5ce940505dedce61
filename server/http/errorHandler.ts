import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AccessError } from '../auth/authPlugin';

/** A domain refusal with a reason code, mapped to an HTTP status in this one place. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: 400 | 404 | 409 | 413 | 422 = 400,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * Every error leaves as `{ error, message, details? }`. Schema failures name the field
 * (`body/start must match format "date-time"`); messages are only shown below 500, except
 * that a failure while the store is unreachable is a 503 saying so (retry shortly).
 */
export function errorHandlerFor(storeReachable: () => boolean) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
    handleError(error, request, reply, storeReachable);
}

function handleError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  storeReachable: () => boolean,
) {
  if (error.validation) {
    return reply.code(400).send({
      error: 'invalid_request',
      message: error.message,
      details: error.validation.map((v) => ({
        field: `${error.validationContext ?? ''}${v.instancePath || ''}${
          v.keyword === 'required' ? `/${String(v.params.missingProperty)}` : ''
        }`,
        message: v.message,
      })),
    });
  }
  if (error instanceof AccessError) {
    return reply.code(error.statusCode).send({
      error: error.statusCode === 401 ? 'unauthorized' : 'forbidden',
      message: error.message,
    });
  }
  if (error instanceof DomainError) {
    return reply
      .code(error.statusCode)
      .send({ error: error.code, message: error.message, details: error.details });
  }
  const status = error.statusCode ?? 500;
  if (status === 429) {
    return reply.code(429).send({
      error: 'rate_limited',
      message: `请求过于频繁，请稍后再试 Too many requests: ${error.message}`,
    });
  }
  if (status < 500)
    return reply.code(status).send({ error: error.code ?? 'bad_request', message: error.message });
  if (!storeReachable()) {
    request.log.warn({ err: error.message }, 'request failed: store unreachable');
    return reply.code(503).send({
      error: 'store_unavailable',
      message: '数据存储暂时不可用，请稍后再试 The store is unreachable; try again shortly',
    });
  }
  request.log.error(error);
  return reply.code(500).send({ error: 'internal', message: 'internal server error' });
}
