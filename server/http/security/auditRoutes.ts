// The audit log: every successful change through the API (timetable, accounts, devices,
// ad-hoc rooms, evaluations) is recorded as who, when, which route, on what; coordinators
// and the district's observers read their communities' entries.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorReply } from '../../../shared/lessons';
import { AuditList, AuditQuery } from '../../../shared/security';
import type { SecurityRepository } from '../../store/security/SecurityRepository';

export interface AuditOptions {
  security: SecurityRepository;
  now: () => number;
}

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** a principal of many communities (the district) records a change in each, up to this */
const MAX_FANOUT = 50;

/** The community a change is about, when the request names it; else the actor's ones. */
function communitiesOf(request: FastifyRequest): string[] {
  const named = (o: unknown, key: string) =>
    o && typeof o === 'object' && typeof (o as Record<string, unknown>)[key] === 'string'
      ? ((o as Record<string, unknown>)[key] as string)
      : undefined;
  const route = request.routeOptions.url ?? '';
  const explicit =
    named(request.body, 'communityId') ??
    named(request.query, 'communityId') ??
    named(request.params, 'communityId') ??
    (route.includes('/communities/:id') ? named(request.params, 'id') : undefined);
  if (explicit) return [explicit];
  return (request.principal?.communityIds ?? []).slice(0, MAX_FANOUT);
}

/** Records every successful change; logins and enrolments (no principal) are in the log. */
export const auditHook = fp<AuditOptions>(
  async (app, { security, now }) => {
    app.addHook('onResponse', async (request, reply) => {
      const p = request.principal;
      if (!p || !CHANGES.has(request.method) || reply.statusCode >= 400) return;
      const action = `${request.method} ${request.routeOptions.url ?? request.url}`;
      const target = request.url.split('?')[0]!.slice(0, 300);
      for (const communityId of communitiesOf(request)) {
        await security
          .appendAudit({ at: now(), by: p.sub, role: p.role, action, target, communityId })
          .catch((error: Error) => request.log.error({ err: error.message }, 'audit not written'));
      }
    });
  },
  { name: 'tongke-audit' },
);

export const auditRoutes: FastifyPluginAsync<AuditOptions> = async (app, { security }) => {
  app.get<{ Querystring: AuditQuery }>(
    '/audit',
    {
      preHandler: app.requireRole('coordinator', 'observer', 'district'),
      schema: {
        tags: ['audit'],
        summary: 'Who changed what in the community, newest first (default the last 200)',
        querystring: AuditQuery,
        response: { 200: AuditList, 403: ErrorReply },
      },
    },
    async (request) => {
      app.assertCommunity(request, request.query.communityId);
      return security.auditIn(request.query.communityId, request.query.limit ?? 200);
    },
  );
};
