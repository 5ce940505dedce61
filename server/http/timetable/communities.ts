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
import { mayCreateIn } from '../../timetable/access';
import { enforce, roles, tags, type TimetableRoutesOptions } from './common';

export const communityRoutes: FastifyPluginAsync<TimetableRoutesOptions> = async (
  app,
  { service },
) => {
  const { read, write } = roles(app);

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
    async (request) => service.communities(request.principal!.communityIds),
  );

  app.post<{ Body: Community }>(
    '/communities',
    {
      preHandler: app.requireRole('coordinator', 'district'),
      schema: {
        tags,
        summary:
          "Create a community: a district's own district, or a coordinator's (its id in the token)",
        body: Community,
        response: { 201: Community, 403: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const p = request.principal!;
      if (p.role === 'district') enforce(request, mayCreateIn(p, request.body.district));
      else app.assertCommunity(request, request.body.id);
      return reply.code(201).send(await service.createCommunity(request.body));
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
      return service.communityDetail(request.params.communityId);
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
      return service.updateCommunity(request.params.communityId, request.body);
    },
  );
};
