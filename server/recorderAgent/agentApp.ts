// The recorder agent's HTTP API: what a relaying node calls to have a segment recorded
// here. Only nodes holding the agent's token are served (the API starts processes and
// writes files); bodies are schema-checked, and failures leave as the main server's do.
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { ErrorReply } from '../../shared/lessons';
import {
  ExitQuery,
  ExitReply,
  RecorderParams,
  ReserveBody,
  ReserveReply,
  StartBody,
  StartReply,
} from '../../shared/recorderAgent';
import { Failure } from '../errors/Failure';
import { errorHandlerFor } from '../http/errorHandler';
import { AgentRecorders, type AgentOptions } from './AgentRecorders';

export interface AgentAppOptions extends AgentOptions {
  token: string;
  logLevel?: string;
}

/** how long an exit poll waits by default: under the nodes' request timeout */
const DEFAULT_WAIT_MS = 20_000;

export function agentApp(o: AgentAppOptions): { app: FastifyInstance; recorders: AgentRecorders } {
  const app = Fastify({ logger: { level: o.logLevel ?? 'info' } });
  const recorders = new AgentRecorders(o);
  const expected = Buffer.from(`Bearer ${o.token}`);
  app.setErrorHandler(errorHandlerFor(() => true));
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.url === '/health') return;
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new Failure('unauthorized', '录制代理拒绝：令牌不对 Recorder agent: wrong token');
    }
  });
  app.addHook('onClose', () => recorders.close());

  app.get('/health', async () => ({ ok: true, running: recorders.running }));

  app.post<{ Body: ReserveBody }>(
    '/recorders',
    { schema: { body: ReserveBody, response: { 201: ReserveReply, 400: ErrorReply } } },
    async (request, reply) => {
      reply.code(201);
      return recorders.reserve(request.body.streams);
    },
  );

  app.put<{ Params: RecorderParams; Body: StartBody }>(
    '/recorders/:id',
    {
      schema: {
        params: RecorderParams,
        body: StartBody,
        response: { 200: StartReply, 400: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => recorders.start(request.params.id, request.body),
  );

  app.get<{ Params: RecorderParams; Querystring: ExitQuery }>(
    '/recorders/:id/exit',
    {
      schema: {
        params: RecorderParams,
        querystring: ExitQuery,
        response: { 200: ExitReply, 404: ErrorReply },
      },
    },
    async (request) => recorders.exit(request.params.id, request.query.waitMs ?? DEFAULT_WAIT_MS),
  );

  app.post<{ Params: RecorderParams }>(
    '/recorders/:id/stop',
    { schema: { params: RecorderParams, response: { 200: ExitReply, 404: ErrorReply } } },
    async (request) => recorders.stop(request.params.id),
  );

  return { app, recorders };
}
