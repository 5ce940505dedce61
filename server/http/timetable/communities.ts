// Communities (1 core school + N members) and everything a coordinator keeps about them.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Community } from '../../../shared/timetable/model';
import {
  CommunityDetail,
  CommunityParams,
  UpdateCommunityBody,
} from '../../../shared/timetable/api';
import { ErrorReply } from '../../../shared/lessons';
import { communityProblems, schoolsOf } from '../../timetable/community';
import { DomainError } from '../errorHandler';
import { invalid } from './TimetableService';
import { roles, tags, type TimetableRoutesOptions } from './common';

export const communityRoutes: FastifyPluginAsync<TimetableRoutesOptions> = async (
  app,
  { service },
) => {
  const { read, write } = roles(app);
  const { repo } = service;

  async function checkMembership(c: Community) {
    const known = new Set((await repo.getMany('school', schoolsOf(c))).map((s) => s.id));
    const problems = communityProblems(c, await repo.list('community'), (id) => known.has(id));
    if (problems.length) throw invalid(problems);
  }

  app.get(
    '/communities',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'The communities the caller may see',
        response: { 200: Type.Array(Community) },
      },
    },
    async (request) => repo.getMany('community', request.principal!.communityIds),
  );

  app.post<{ Body: Community }>(
    '/communities',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Create a community (its id must be in the caller token)',
        body: Community,
        response: { 201: Community, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      app.assertCommunity(request, request.body.id);
      if (await repo.get('community', request.body.id))
        throw new DomainError('exists', `community ${request.body.id} exists`, 409);
      await checkMembership(request.body);
      await repo.apply({ put: { community: [request.body] } });
      return reply.code(201).send(request.body);
    },
  );

  app.get<{ Params: CommunityParams }>(
    '/communities/:communityId',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'A community with its schools, classrooms and teachers',
        params: CommunityParams,
        response: { 200: CommunityDetail, 404: ErrorReply },
      },
    },
    async (request) => {
      app.assertCommunity(request, request.params.communityId);
      const community = await service.community(request.params.communityId);
      const schools = await repo.getMany('school', schoolsOf(community));
      const classrooms = [];
      const teachers = [];
      for (const s of schools) {
        classrooms.push(...(await repo.byRef('classroom', `school:${s.id}`)));
        teachers.push(...(await repo.byRef('teacher', `school:${s.id}`)));
      }
      return { community, schools, classrooms, teachers };
    },
  );

  app.put<{ Params: CommunityParams; Body: UpdateCommunityBody }>(
    '/communities/:communityId',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Change name, mode or membership',
        params: CommunityParams,
        body: UpdateCommunityBody,
        response: { 200: Community },
      },
    },
    async (request) => {
      app.assertCommunity(request, request.params.communityId);
      await service.community(request.params.communityId);
      const next = { ...request.body, id: request.params.communityId };
      await checkMembership(next);
      await repo.apply({ put: { community: [next] } });
      return next;
    },
  );
};
