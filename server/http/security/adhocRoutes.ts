// Ad-hoc rooms (临时教室): created by a coordinator or teacher of a community, listed for
// them, ended by a coordinator or the one who created it.
import type { FastifyPluginAsync } from 'fastify';
import { ErrorReply } from '../../../shared/lessons';
import {
  AdhocGrant,
  AdhocGrantList,
  AdhocGrantParams,
  NewAdhocGrantBody,
} from '../../../shared/security';
import { DevicesQuery } from '../../../shared/auth';
import { newGrant } from '../../security/adhocGrants';
import type { SecurityRepository } from '../../store/security/SecurityRepository';
import type { LiveRooms } from '../../live/LiveRooms';
import { Failure } from '../../errors/Failure';

export interface AdhocRoutesOptions {
  security: SecurityRepository;
  rooms: LiveRooms;
  now: () => number;
}

const tags = ['adhoc'];

export const adhocRoutes: FastifyPluginAsync<AdhocRoutesOptions> = async (
  app,
  { security, rooms, now },
) => {
  app.post<{ Body: NewAdhocGrantBody }>(
    '/adhoc-rooms',
    {
      preHandler: app.requireRole('coordinator', 'teacher'),
      schema: {
        tags,
        summary: 'Allow an ad-hoc room: a code to enter it, a capacity, an expiry',
        body: NewAdhocGrantBody,
        response: { 201: AdhocGrant, 403: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      app.assertCommunity(request, request.body.communityId);
      const grant = newGrant(request.body, request.principal!, now());
      if (rooms.get(grant.roomId) || !(await security.addGrant(grant))) {
        throw new Failure('room_taken', `room ${grant.roomId} exists`, {
          details: [{ field: '/roomId' }],
        });
      }
      return reply.code(201).send(grant);
    },
  );

  app.get<{ Querystring: DevicesQuery }>(
    '/adhoc-rooms',
    {
      preHandler: app.requireRole('coordinator', 'teacher'),
      schema: {
        tags,
        summary: "The community's ad-hoc rooms, newest first",
        querystring: DevicesQuery,
        response: { 200: AdhocGrantList, 403: ErrorReply },
      },
    },
    async (request) => {
      app.assertCommunity(request, request.query.communityId);
      return security.grantsIn(request.query.communityId);
    },
  );

  app.delete<{ Params: AdhocGrantParams }>(
    '/adhoc-rooms/:roomId',
    {
      preHandler: app.requireRole('coordinator', 'teacher'),
      schema: {
        tags,
        summary: 'End an ad-hoc room: its code stops working, its participants are sent out',
        params: AdhocGrantParams,
        response: { 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const grant = await security.grant(request.params.roomId);
      if (!grant) throw new Failure('not_found', `no ad-hoc room ${request.params.roomId}`);
      app.assertCommunity(request, grant.communityId);
      const p = request.principal!;
      if (p.role !== 'coordinator' && p.sub !== grant.createdBy) {
        throw new Failure('forbidden', 'only its creator or a coordinator ends it');
      }
      await security.deleteGrant(grant.roomId);
      for (const kind of ['lesson', 'research'] as const) {
        rooms.close(grant.roomId, kind, '临时教室已结束 This ad-hoc room has ended');
      }
      return reply.code(204).send();
    },
  );
};
