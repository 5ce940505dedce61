// The series of the 一张表: create, change, remove, check a slot before saving, the week grid.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { SeriesRecord } from '../../../shared/timetable/series';
import {
  CheckBody,
  CommunityParams,
  ConflictsReply,
  NewSeriesBody,
  SeriesParams,
  SeriesReply,
  UpdateSeriesBody,
  WeekQuery,
  WeekReply,
} from '../../../shared/timetable/api';
import { ErrorReply } from '../../../shared/lessons';
import { roles, tags, type TimetableRoutesOptions } from './common';

export const seriesRoutes: FastifyPluginAsync<TimetableRoutesOptions> = async (
  app,
  { service, now },
) => {
  const { read, write } = roles(app);

  app.get<{ Params: CommunityParams }>(
    '/communities/:communityId/series',
    {
      preHandler: read,
      schema: { tags, params: CommunityParams, response: { 200: Type.Array(SeriesRecord) } },
    },
    async (request) => {
      app.assertCommunity(request, request.params.communityId);
      return service.seriesOf(request.params.communityId);
    },
  );

  app.post<{ Params: CommunityParams; Body: CheckBody }>(
    '/communities/:communityId/check',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Conflicts a lesson would have, nothing saved',
        params: CommunityParams,
        body: CheckBody,
        response: { 200: ConflictsReply },
      },
    },
    async (request) => {
      const { communityId } = request.params;
      app.assertCommunity(request, communityId);
      const { spec, seriesId } = request.body;
      return { conflicts: await service.checkSpec(communityId, spec, seriesId) };
    },
  );

  app.post<{ Params: CommunityParams; Body: NewSeriesBody }>(
    '/communities/:communityId/series',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Create a draft series; its conflicts come back with it',
        params: CommunityParams,
        body: NewSeriesBody,
        response: { 201: SeriesReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const { communityId } = request.params;
      app.assertCommunity(request, communityId);
      return reply.code(201).send(await service.createSeries(communityId, request.body, now()));
    },
  );

  app.get<{ Params: SeriesParams }>(
    '/communities/:communityId/series/:seriesId',
    {
      preHandler: read,
      schema: { tags, params: SeriesParams, response: { 200: SeriesReply, 404: ErrorReply } },
    },
    async (request) => {
      app.assertCommunity(request, request.params.communityId);
      const series = await service.series(request.params.communityId, request.params.seriesId);
      return { series, conflicts: await service.conflictsOf(series) };
    },
  );

  app.put<{ Params: SeriesParams; Body: UpdateSeriesBody }>(
    '/communities/:communityId/series/:seriesId',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Change a series (a published one gets a new version to negotiate)',
        params: SeriesParams,
        body: UpdateSeriesBody,
        response: { 200: SeriesReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const { communityId, seriesId } = request.params;
      app.assertCommunity(request, communityId);
      return service.updateSeries(communityId, seriesId, request.body, now());
    },
  );

  app.delete<{ Params: SeriesParams }>(
    '/communities/:communityId/series/:seriesId',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Remove a series and its occurrence changes',
        params: SeriesParams,
        response: { 204: Type.Null(), 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const { communityId, seriesId } = request.params;
      app.assertCommunity(request, communityId);
      await service.removeSeries(communityId, seriesId);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: CommunityParams; Querystring: WeekQuery }>(
    '/communities/:communityId/week',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'The week grid: occurrences, each member school’s fit, conflicts',
        params: CommunityParams,
        querystring: WeekQuery,
        response: { 200: WeekReply },
      },
    },
    async (request) => {
      app.assertCommunity(request, request.params.communityId);
      return service.week(
        request.params.communityId,
        request.query.date,
        request.query.view ?? 'working',
      );
    },
  );
};
