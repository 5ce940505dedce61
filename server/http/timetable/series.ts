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
import { edit, newSeries, workingVersion } from '../../timetable/negotiation';
import { DomainError } from '../errorHandler';
import { newId } from './TimetableService';
import { roles, tags, type TimetableRoutesOptions } from './common';

export const seriesRoutes: FastifyPluginAsync<TimetableRoutesOptions> = async (
  app,
  { service },
) => {
  const { read, write } = roles(app);
  const { repo } = service;

  app.get<{ Params: CommunityParams }>(
    '/communities/:communityId/series',
    {
      preHandler: read,
      schema: { tags, params: CommunityParams, response: { 200: Type.Array(SeriesRecord) } },
    },
    async (request) => {
      app.assertCommunity(request, request.params.communityId);
      return repo.byRef('series', `community:${request.params.communityId}`);
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
      const ctx = await service.validSpec(communityId, request.body.spec);
      const id = request.body.seriesId ?? '(new)';
      const { conflicts } = await service.check(
        [{ id, communityId, spec: request.body.spec, version: 1 }],
        'working',
        ctx,
      );
      return { conflicts: conflicts.get(id) ?? [] };
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
      const ctx = await service.validSpec(communityId, request.body.spec);
      const id = request.body.id ?? newId('ser');
      if (await repo.get('series', id)) throw new DomainError('exists', `series ${id} exists`, 409);
      const series = newSeries(id, communityId, request.body.spec, service.now());
      await repo.apply({ put: { series: [series] } });
      const { conflicts } = await service.check(
        [{ id, communityId, spec: series.spec, version: 1 }],
        'working',
        ctx,
      );
      return reply.code(201).send({ series, conflicts: conflicts.get(id) ?? [] });
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
      const current = await service.series(communityId, seriesId);
      const ctx = await service.validSpec(communityId, request.body.spec);
      if (current.revision !== request.body.revision)
        throw new DomainError(
          'stale',
          `series ${seriesId} changed meanwhile (revision ${current.revision})`,
          409,
        );
      const step = edit(current, request.body.spec, service.now());
      if (!step.ok) throw new DomainError(step.code, step.message, 409);
      if (
        !(await repo.apply({
          put: { series: [step.record] },
          expectSeries: [{ id: seriesId, revision: current.revision }],
        }))
      )
        throw new DomainError('stale', `series ${seriesId} changed meanwhile`, 409);
      const s = step.record;
      const { conflicts } = await service.check(
        [{ id: s.id, communityId, spec: s.spec, version: workingVersion(s) }],
        'working',
        ctx,
      );
      return { series: s, conflicts: conflicts.get(s.id) ?? [] };
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
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const { communityId, seriesId } = request.params;
      app.assertCommunity(request, communityId);
      const current = await service.series(communityId, seriesId);
      const overrides = await repo.byRef('override', `series:${seriesId}`);
      await repo.apply({
        delete: { series: [seriesId], override: overrides.map((o) => `${o.seriesId}:${o.date}`) },
        expectSeries: [{ id: seriesId, revision: current.revision }],
      });
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
      await service.community(request.params.communityId);
      return service.week(
        request.params.communityId,
        request.query.date,
        request.query.view ?? 'working',
      );
    },
  );
};
