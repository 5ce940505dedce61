// iCalendar feeds per classroom and per teacher, and the feed tokens that open them. A
// calendar app holds the address for months: its `?token=` is a feed token (this feed only,
// revocable by its owner), never a person's bearer token. Screens and scripts may also read
// a feed with their bearer token in the Authorization header.
import { Failure } from '../../errors/Failure';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ClassroomParams } from '../../../shared/timetable/api';
import {
  FeedInfo,
  FeedList,
  FeedParams,
  FeedQuery,
  NewFeedBody,
  NewFeedReply,
  type FeedKind,
} from '../../../shared/icalFeeds';
import { ErrorReply } from '../../../shared/lessons';
import { teacherRole } from '../../../shared/timetable/occurrence';
import type { Role } from '../../../shared/auth';
import { AccessError } from '../../auth/authPlugin';
import type { IcalFeeds } from '../../auth/icalFeeds';
import { icalFeed } from '../../timetable/ical';
import type { TimetableOccurrenceSource } from '../../store/timetable/TimetableOccurrenceSource';
import { notFound } from '../../timetable/timetableErrors';
import { tags, type TimetableRoutesOptions } from './common';
import { schoolAccess } from './schoolAccess';

export interface IcalFeedRoutesOptions extends TimetableRoutesOptions {
  occurrences: TimetableOccurrenceSource;
  feeds: IcalFeeds;
}

const paths: Record<FeedKind, string> = { classroom: 'classrooms', teacher: 'teachers' };
export const feedPath = (kind: FeedKind, id: string) =>
  `/api/ical/${paths[kind]}/${encodeURIComponent(id)}.ics`;

export const icalFeedRoutes: FastifyPluginAsync<IcalFeedRoutesOptions> = async (
  app,
  { service, occurrences, feeds },
) => {
  const access = schoolAccess(app, service);
  const people = app.requireRole('coordinator', 'teacher', 'observer', 'district');
  const readers: Record<FeedKind, Role[]> = {
    classroom: ['coordinator', 'teacher', 'observer', 'district', 'device'],
    teacher: ['coordinator', 'teacher', 'observer', 'district'],
  };

  async function calendar(kind: FeedKind, id: string) {
    const ctx = await service.context();
    const all = await occurrences.published();
    const mine = all.filter((o) =>
      kind === 'teacher'
        ? teacherRole(id, o) !== undefined
        : o.coreClassroomId === id || o.memberClassroomIds.includes(id),
    );
    const name = kind === 'teacher' ? ctx.teachers.get(id)?.name : ctx.classrooms.get(id)?.name;
    return icalFeed(
      mine,
      {
        calendar: `同步课堂 ${name ?? id}`,
        classroom: (c) => {
          const room = ctx.classrooms.get(c);
          return room ? `${ctx.schools.get(room.schoolId)?.name ?? ''} ${room.name}` : c;
        },
        teacher: (t) => ctx.teachers.get(t)?.name ?? t,
      },
      service.zone,
    );
  }

  /** A feed token opens its own feed; without one, the bearer header and its role decide. */
  const feedAccess =
    (kind: FeedKind) =>
    async (request: FastifyRequest<{ Params: { id: string }; Querystring: FeedQuery }>) => {
      const token = request.query.token;
      if (token === undefined) {
        const p = request.principal;
        if (!p) throw new AccessError(401, 'a feed token or a bearer token is required');
        if (!readers[kind].includes(p.role) || p.occurrenceId !== undefined) {
          throw new AccessError(403, `role ${p.role} may not read this feed`);
        }
        return;
      }
      if (await feeds.open(token, kind, request.params.id)) return;
      request.log.warn({ kind, id: request.params.id }, 'feed token refused');
      throw new Failure(
        'unauthorized',
        '订阅链接无效或已撤销 This calendar link is invalid or revoked',
      );
    };

  for (const kind of ['classroom', 'teacher'] as const) {
    app.get<{ Params: { id: string }; Querystring: FeedQuery }>(
      `/ical/${paths[kind]}/:id.ics`,
      {
        preHandler: feedAccess(kind),
        schema: {
          tags,
          summary: `iCalendar feed of a ${kind}'s published lessons (a feed token, or the bearer header)`,
          params: ClassroomParams,
          querystring: FeedQuery,
          response: { 200: Type.String(), 401: ErrorReply, 403: ErrorReply, 404: ErrorReply },
        },
      },
      async (request, reply) => {
        if (request.query.token === undefined) {
          await (kind === 'classroom' ? access.classroom : access.teacher)(
            request,
            request.params.id,
          );
        }
        return reply
          .type('text/calendar; charset=utf-8')
          .send(await calendar(kind, request.params.id));
      },
    );
  }

  app.post<{ Body: NewFeedBody }>(
    '/ical-feeds',
    {
      preHandler: people,
      schema: {
        tags,
        summary: 'A calendar subscription address of its own (revocable), for one feed',
        body: NewFeedBody,
        response: { 201: NewFeedReply, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const { kind, targetId } = request.body;
      await (kind === 'classroom' ? access.classroom : access.teacher)(request, targetId);
      const { feed, token } = await feeds.create(request.principal!, kind, targetId);
      const url = `${feedPath(kind, targetId)}?${new URLSearchParams({ token })}`;
      return reply.code(201).send({ ...feed, token, url });
    },
  );

  app.get(
    '/ical-feeds',
    {
      preHandler: people,
      schema: {
        tags,
        summary: 'Your calendar subscriptions, revoked ones included, newest first',
        response: { 200: FeedList },
      },
    },
    async (request) => feeds.of(request.principal!),
  );

  app.post<{ Params: FeedParams }>(
    '/ical-feeds/:feedId/revoke',
    {
      preHandler: people,
      schema: {
        tags,
        summary: 'Revoke a calendar subscription: its address stops working at once',
        params: FeedParams,
        response: { 200: FeedInfo, 404: ErrorReply },
      },
    },
    async (request) => {
      const revoked = await feeds.revoke(request.principal!, request.params.feedId);
      if (!revoked) throw notFound('feed', request.params.feedId);
      return revoked;
    },
  );
};
