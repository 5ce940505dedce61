// A person's notices: the list (newest first, read or not), one marked read, all marked read.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  MarkedReply,
  NoticeList,
  NoticeParams,
  NoticeQuery,
  noticeText,
} from '../../../shared/notifications';
import { ErrorReply } from '../../../shared/lessons';
import { audiencesOf } from '../../notifications/audiences';
import type { NotificationRepository } from '../../store/notifications/NotificationRepository';
import { Failure } from '../../errors/Failure';

export interface NoticeRoutesOptions {
  repo: NotificationRepository;
  now: () => number;
}

const tags = ['notifications'];

export const noticeRoutes: FastifyPluginAsync<NoticeRoutesOptions> = async (app, { repo, now }) => {
  const people = app.requireRole('coordinator', 'school_office', 'teacher', 'observer');

  async function listOf(request: FastifyRequest, limit: number) {
    const p = request.principal!;
    const notices = await repo.noticesFor(audiencesOf(p), limit);
    const read = await repo.readBy(
      p.sub,
      notices.map((n) => n.id),
    );
    return { p, notices, read };
  }

  app.get<{ Querystring: NoticeQuery }>(
    '/notices',
    {
      preHandler: people,
      schema: {
        tags,
        summary: 'Your notices, newest first, each read or unread, with the unread count',
        querystring: NoticeQuery,
        response: { 200: NoticeList, 403: ErrorReply },
      },
    },
    async (request) => {
      const { notices, read } = await listOf(request, request.query.limit ?? 50);
      const views = notices.map((n) => ({ ...n, read: read.has(n.id), text: noticeText(n) }));
      return { notices: views, unread: views.filter((n) => !n.read).length };
    },
  );

  app.post<{ Params: NoticeParams }>(
    '/notices/:id/read',
    {
      preHandler: people,
      schema: {
        tags,
        summary: 'Marks one of your notices read',
        params: NoticeParams,
        response: { 200: MarkedReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const { p, notices, read } = await listOf(request, 200);
      const notice = notices.find((n) => n.id === request.params.id);
      if (!notice) throw new Failure('not_found', `没有这条通知 No notice ${request.params.id}`);
      if (!read.has(notice.id)) await repo.markRead(p.sub, [notice.id], now());
      return { marked: read.has(notice.id) ? 0 : 1 };
    },
  );

  app.post(
    '/notices/read-all',
    {
      preHandler: people,
      schema: {
        tags,
        summary: 'Marks all your notices read',
        response: { 200: MarkedReply },
      },
    },
    async (request) => {
      const { p, notices, read } = await listOf(request, 200);
      const unread = notices.filter((n) => !read.has(n.id)).map((n) => n.id);
      await repo.markRead(p.sub, unread, now());
      return { marked: unread.length };
    },
  );
};
