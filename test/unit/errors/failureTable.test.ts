// The one table from a failure to its HTTP status and socket ack code (server/errors/codes.ts,
// server/errorTable.ts), and the HTTP error handler that reads it, driven through fastify's
// inject: no port, no store.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../shared/signaling/events';
import { repoRoot } from '../../../infra/mediasoup-worker/locate.mjs';
import { refusalFor } from '../../../server/errorTable';
import { failureCodes, isFailureCode, type FailureCode } from '../../../server/errors/codes';
import { Failure } from '../../../server/errors/Failure';
import { AccessError } from '../../../server/auth/authPlugin';
import { errorHandlerFor } from '../../../server/http/errorHandler';
import { LessonActionError } from '../../../server/lessons/LessonLifecycle';
import { InvalidUpdateError } from '../../../server/research/MinutesService';

/** Every ack code a client may receive: a Record, so a new ErrorCode must be listed here. */
const ackCodes: Record<ErrorCode, true> = {
  invalid_payload: true,
  unknown_request: true,
  not_joined: true,
  forbidden: true,
  not_found: true,
  room_full: true,
  rate_limited: true,
  media_error: true,
  unavailable: true,
  internal: true,
  read_only: true,
  invalid_update: true,
};

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
const serverFiles = () => files(join(repoRoot, 'server'));

describe('no second mapping', () => {
  it('has no route writing its own error reply, and no second error type', () => {
    const offending = serverFiles()
      .filter((file) => !file.endsWith('/http/errorHandler.ts'))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        const own = [...text.matchAll(/\.code\(\s*[45]\d\d\s*\)\s*\.send\(\s*\{\s*error/g)];
        const legacy = [...text.matchAll(/new DomainError\(/g)];
        return [...own, ...legacy].map((m) => `${file.slice(repoRoot.length)}: ${m[0]}`);
      });
    expect(offending).toEqual([]);
  });
});

describe('every failure code', () => {
  it.each(Object.entries(failureCodes))('%s has an HTTP status and an ack code', (_code, row) => {
    expect(Number.isInteger(row.status) && row.status >= 400 && row.status <= 599).toBe(true);
    expect(Object.hasOwn(ackCodes, row.ack)).toBe(true);
  });

  it('covers every ack code, so a socket refusal always has its own row', () => {
    for (const ack of Object.keys(ackCodes)) expect(isFailureCode(ack), ack).toBe(true);
  });

  it('covers the timetable negotiation’s refusals (thrown as a Failure with their code)', () => {
    const negotiation = [
      'objection_open',
      'hard_conflicts',
      'answers_pending',
      'not_draft',
      'not_proposed',
      'no_member_school',
      'not_asked',
      'comment_required',
      'stale',
    ];
    for (const code of negotiation) expect(failureCodes[code as 'stale']?.status, code).toBe(409);
  });
});

describe('a failure as both edges answer it', () => {
  it.each([
    [new Failure('not_found', 'no lesson x'), 'not_found', 404, 'not_found'],
    [new Failure('too_large', 'at most 50 MB'), 'too_large', 413, 'invalid_payload'],
    [new AccessError(401, 'a valid token is required'), 'unauthorized', 401, 'forbidden'],
    [new AccessError(403, 'not yours'), 'forbidden', 403, 'forbidden'],
    [new Failure('exists', 'school s1 exists'), 'exists', 409, 'forbidden'],
    [new LessonActionError('too_early', 'too_early'), 'too_early', 409, 'forbidden'],
    [new LessonActionError('not_found', 'no lesson x'), 'not_found', 404, 'not_found'],
    [new InvalidUpdateError('not a Yjs update'), 'invalid_update', 400, 'invalid_update'],
    // two failures, one wire code kept for older clients
    [new Failure('wrong_current_password', '当前密码不正确'), 'bad_credentials', 400, 'forbidden'],
    [new Failure('bad_credentials', '用户名或密码错误'), 'bad_credentials', 401, 'forbidden'],
  ])('%s → %s / %i / ack %s', (error, code, status, ack) => {
    expect(refusalFor(error, 'http')).toMatchObject({ code, status, ack, expected: true });
  });

  it('keeps the field at fault and the details', () => {
    const e = new Failure('invalid_request', 'bad', { field: '/x', details: [{ field: '/x' }] });
    expect(refusalFor(e)).toMatchObject({ field: '/x', details: [{ field: '/x' }] });
  });

  it('answers “who may not” in a lesson as forbidden, the reason as its message, audited', () => {
    expect(refusalFor(new LessonActionError('wrong_community', 'wrong_community'))).toMatchObject({
      code: 'forbidden',
      message: 'wrong_community',
      status: 403,
      audit: true,
    });
  });

  it.each([
    ['an Error', new Error('password=hunter2 at /srv/db')],
    ['a TypeError over HTTP', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a thrown string', 'password=hunter2'],
    [
      'a Failure with a code not in the table',
      new Failure('made_up' as FailureCode, 'secret detail'),
    ],
  ])('turns %s into internal / 500 without its text', (_what, error) => {
    const r = refusalFor(error, 'http');
    expect(r).toMatchObject({ code: 'internal', status: 500, ack: 'internal', expected: false });
    expect(r.message).not.toMatch(/hunter2|srv|secret|undefined/);
  });
});

describe('the HTTP error handler', () => {
  let app: FastifyInstance | undefined;
  afterEach(() => app?.close());

  async function serve(error: unknown, storeReachable = true) {
    app = Fastify({ logger: false });
    app.setErrorHandler(errorHandlerFor(() => storeReachable));
    app.get('/boom', async () => {
      throw error;
    });
    app.post('/typed', { schema: { body: Type.Object({ n: Type.Integer() }) } }, async () => 'ok');
    await app.ready();
    return app;
  }

  it('answers a Failure with the table’s status and `{ error, message, details }`', async () => {
    const a = await serve(
      new Failure('own_account', '不能停用自己的账号', { details: [{ field: '/userId' }] }),
    );
    const res = await a.inject('/boom');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      error: 'own_account',
      message: '不能停用自己的账号',
      details: [{ field: '/userId' }],
    });
  });

  it('answers a schema failure with invalid_request naming the field', async () => {
    const a = await serve(undefined);
    const res = await a.inject({ method: 'POST', url: '/typed', payload: { n: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_request', details: [{ field: 'body/n' }] });
  });

  it('answers a bug with 500 internal, its text kept out of the body', async () => {
    const a = await serve(new Error('password=hunter2 at /srv/db'));
    const res = await a.inject('/boom');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ error: 'internal' });
    expect(res.body).not.toMatch(/hunter2|srv/);
  });

  it('answers a bug while the store is unreachable with 503 store_unavailable', async () => {
    const a = await serve(new Error('connection refused 10.0.0.5:6379'), false);
    const res = await a.inject('/boom');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: 'store_unavailable' });
    expect(res.body).not.toContain('10.0.0.5');
  });
});
