// Negotiating the 一张表: propose a series to the member schools, their answers, publishing,
// and what changed since the published version.
import type { FastifyPluginAsync } from 'fastify';
import {
  CommunityParams,
  DiffReply,
  PublishAllReply,
  RespondBody,
  SeriesParams,
  SeriesReply,
} from '../../../shared/timetable/api';
import { ErrorReply } from '../../../shared/lessons';
import { mayAnswerFor } from '../../timetable/access';
import { enforce, roles, tags, type TimetableRoutesOptions } from './common';

export const negotiationRoutes: FastifyPluginAsync<TimetableRoutesOptions> = async (
  app,
  { service, now },
) => {
  const { read, write } = roles(app);
  const body = {
    preHandler: write,
    schema: { tags, params: SeriesParams, response: { 200: SeriesReply, 409: ErrorReply } },
  };

  app.post<{ Params: SeriesParams }>(
    '/communities/:communityId/series/:seriesId/propose',
    { ...body, schema: { ...body.schema, summary: 'Ask the member schools to accept the draft' } },
    async (request) => {
      const { communityId, seriesId } = request.params;
      app.assertCommunity(request, communityId);
      return service.propose(communityId, seriesId, now());
    },
  );

  app.post<{ Params: SeriesParams; Body: RespondBody }>(
    '/communities/:communityId/series/:seriesId/respond',
    {
      // A teacher or the office of the member school answers for it; a coordinator answers
      // on its behalf.
      preHandler: app.requireRole('coordinator', 'school_office', 'teacher'),
      schema: {
        tags,
        summary:
          'A member school accepts or objects (with a comment); a coordinator answering is recorded as 代为同意 on its behalf',
        params: SeriesParams,
        body: RespondBody,
        response: { 200: SeriesReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const { communityId, seriesId } = request.params;
      app.assertCommunity(request, communityId);
      const p = request.principal!;
      const access = mayAnswerFor(
        p,
        request.body.schoolId,
        await service.schoolOfTeacher(p.teacherId),
      );
      enforce(request, access);
      const answer = {
        ...request.body,
        by: { sub: p.sub, name: p.name },
        onBehalf: access.onBehalf,
      };
      return service.respond(communityId, seriesId, answer, now());
    },
  );

  app.post<{ Params: SeriesParams }>(
    '/communities/:communityId/series/:seriesId/publish',
    {
      ...body,
      schema: {
        ...body.schema,
        summary:
          'Publish: refused until every member school accepted (or was accepted for), while a school objects or a hard conflict remains',
      },
    },
    async (request) => {
      const { communityId, seriesId } = request.params;
      app.assertCommunity(request, communityId);
      return service.publish(communityId, seriesId, now());
    },
  );

  app.post<{ Params: CommunityParams }>(
    '/communities/:communityId/publish',
    {
      preHandler: write,
      schema: {
        tags,
        summary:
          'Publish together every proposed series that may be published (slots may be swapped); the rest are listed with their reasons',
        params: CommunityParams,
        response: { 200: PublishAllReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const { communityId } = request.params;
      app.assertCommunity(request, communityId);
      return service.publishAll(communityId, now());
    },
  );

  app.get<{ Params: SeriesParams }>(
    '/communities/:communityId/series/:seriesId/diff',
    {
      preHandler: read,
      schema: {
        tags,
        summary:
          'What the working copy changes against the published version, and who is concerned',
        params: SeriesParams,
        response: { 200: DiffReply },
      },
    },
    async (request) => {
      const { communityId, seriesId } = request.params;
      app.assertCommunity(request, communityId);
      return service.diff(communityId, seriesId);
    },
  );
};
