// A community's webhooks, registered by its coordinator: add (the secret shown once), list,
// remove, and each one's delivery log.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  CommunityWebhookParams,
  DeliveryLog,
  NewWebhookBody,
  NewWebhookReply,
  WebhookList,
  WebhookParams,
  type WebhookInfo,
} from '../../../shared/notifications';
import { ErrorReply } from '../../../shared/lessons';
import { newSecret } from '../../notifications/signing';
import { webhookUrlProblem } from '../../notifications/webhookUrl';
import type {
  NotificationRepository,
  WebhookRecord,
} from '../../store/notifications/NotificationRepository';
import { newId } from '../../timetable/TimetableDirectory';
import { Failure } from '../../errors/Failure';

export interface WebhookRoutesOptions {
  repo: NotificationRepository;
  now: () => number;
}

const tags = ['notifications'];
const urlWords = {
  not_a_url: '不是有效的网址 Not a URL',
  scheme_not_allowed: '只允许 http 或 https 网址 Only http or https URLs',
  credentials_in_url: '网址中不能含用户名或密码 No user or password in the URL',
};

const info = ({ secret: _, ...w }: WebhookRecord): WebhookInfo => w;

export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (
  app,
  { repo, now },
) => {
  const coordinator = app.requireRole('coordinator');
  const mine = (request: FastifyRequest<{ Params: { communityId: string } }>) =>
    app.assertCommunity(request, request.params.communityId);

  async function hookOf(request: FastifyRequest<{ Params: WebhookParams }>) {
    mine(request);
    const hook = await repo.webhook(request.params.webhookId);
    if (!hook || hook.communityId !== request.params.communityId)
      throw new Failure('not_found', `没有这个 Webhook No webhook ${request.params.webhookId}`);
    return hook;
  }

  app.post<{ Params: CommunityWebhookParams; Body: NewWebhookBody }>(
    '/communities/:communityId/webhooks',
    {
      preHandler: coordinator,
      schema: {
        tags,
        summary: 'Registers a webhook: every notice of the community is POSTed to it, signed',
        params: CommunityWebhookParams,
        body: NewWebhookBody,
        response: { 201: NewWebhookReply, 400: ErrorReply, 403: ErrorReply },
      },
    },
    async (request, reply) => {
      mine(request);
      const problem = webhookUrlProblem(request.body.url);
      if (problem) {
        throw new Failure(problem, urlWords[problem], {
          field: 'body/url',
          details: [{ field: 'body/url', code: problem, message: urlWords[problem] }],
        });
      }
      const hook: WebhookRecord = {
        id: newId('whk'),
        communityId: request.params.communityId,
        url: request.body.url,
        description: request.body.description ?? '',
        createdAt: now(),
        createdBy: request.principal!.sub,
        secret: newSecret(),
      };
      await repo.putWebhook(hook);
      request.log.info({ webhook: hook.id, communityId: hook.communityId }, 'webhook registered');
      return reply.code(201).send({ ...info(hook), secret: hook.secret });
    },
  );

  app.get<{ Params: CommunityWebhookParams }>(
    '/communities/:communityId/webhooks',
    {
      preHandler: coordinator,
      schema: {
        tags,
        summary: "The community's webhooks (their secrets are never shown again)",
        params: CommunityWebhookParams,
        response: { 200: WebhookList, 403: ErrorReply },
      },
    },
    async (request) => {
      mine(request);
      return (await repo.webhooksOf(request.params.communityId)).map(info);
    },
  );

  app.delete<{ Params: WebhookParams }>(
    '/communities/:communityId/webhooks/:webhookId',
    {
      preHandler: coordinator,
      schema: {
        tags,
        summary: 'Removes a webhook and its delivery log; pending retries stop',
        params: WebhookParams,
        response: { 204: Type.Null(), 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const hook = await hookOf(request);
      await repo.removeWebhook(hook.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: WebhookParams }>(
    '/communities/:communityId/webhooks/:webhookId/deliveries',
    {
      preHandler: coordinator,
      schema: {
        tags,
        summary: "A webhook's delivery log, newest first: status, attempts, last error",
        params: WebhookParams,
        response: { 200: DeliveryLog, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => repo.deliveriesOf((await hookOf(request)).id, 100),
  );
};
