// Every error leaves as `{ error, message, details? }`: `error` the reason code, `message`
// for people, `details` what the client needs to point at (fields, conflicts, bad rows).
// The status comes from the one table (server/errorTable.ts); this file only reads what the
// framework itself refuses (schema failures, malformed bodies, its rate limit).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { refusalFor, type Refusal } from '../errorTable';
import { Failure } from '../errors/Failure';
import { chineseFirst } from '../../shared/messages';

/**
 * Schema failures name the field (`body/start must match format "date-time"`); a bug's
 * text never leaves (500, logged), except that a failure while the store is unreachable is
 * a 503 saying so (retry shortly).
 */
export function errorHandlerFor(storeReachable: () => boolean) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
    handleError(error, request, reply, storeReachable);
}

/** What fastify refuses by itself, as the table's failures. */
function fromFramework(error: FastifyError): Failure | undefined {
  if (error.validation) {
    return new Failure('invalid_request', error.message, {
      details: error.validation.map((v) => ({
        field: `${error.validationContext ?? ''}${v.instancePath || ''}${
          v.keyword === 'required' ? `/${String(v.params.missingProperty)}` : ''
        }`,
        message: v.message,
      })),
    });
  }
  if (error.statusCode === 429) {
    return new Failure(
      'rate_limited',
      `请求过于频繁，请稍后再试 Too many requests: ${error.message}`,
    );
  }
  return undefined;
}

function handleError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  storeReachable: () => boolean,
) {
  const refusal = refusalFor(fromFramework(error) ?? error, 'http');
  if (refusal.expected) {
    if (refusal.audit) {
      request.log.warn(
        { sub: request.principal?.sub, reason: refusal.message, url: request.url },
        'request refused',
      );
    }
    return send(reply, refusal);
  }
  // The framework's other refusals (malformed JSON, wrong media type, body too large).
  const status = error.statusCode ?? 500;
  if (status < 500) {
    const words = status === 413 ? 'too_large' : 'invalid_request';
    return reply
      .code(status)
      .send({ error: error.code ?? 'bad_request', message: chineseFirst(words, error.message) });
  }
  if (!storeReachable()) {
    request.log.warn({ err: error.message }, 'request failed: store unreachable');
    return send(reply, refusalFor(new Failure('store_unavailable', STORE_UNREACHABLE), 'http'));
  }
  request.log.error(error);
  return send(reply, refusal);
}

const STORE_UNREACHABLE =
  '数据存储暂时不可用，请稍后再试 The store is unreachable; try again shortly';

function send(reply: FastifyReply, r: Refusal) {
  return reply.code(r.status).send({
    error: r.code,
    message: chineseFirst(r.code, r.message),
    ...(r.details !== undefined ? { details: r.details } : {}),
  });
}
