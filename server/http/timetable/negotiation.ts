// Negotiating the 一张表: propose a series to the member schools, their answers, publishing,
// and what changed since the published version.
import type { FastifyPluginAsync } from 'fastify';
import {
  CommunityParams,
  DiffReply,
  RespondBody,
  SeriesParams,
  SeriesReply,
} from '../../../shared/timetable/api';
import type { SeriesRecord } from '../../../shared/timetable/series';
import { PublishAllReply } from '../../../shared/timetable/api';
import { ErrorReply } from '../../../shared/lessons';
import { propose, publish, respond, type Step } from '../../timetable/negotiation';
import { schoolsConcerned, seriesDiff } from '../../timetable/diff';
import { hardCount } from '../../timetable/conflicts';
import { refusalText } from '../../timetable/refusalText';
import { DomainError } from '../errorHandler';
import { AccessError } from '../../auth/authPlugin';
import { roles, tags, type TimetableRoutesOptions } from './common';

export const negotiationRoutes: FastifyPluginAsync<TimetableRoutesOptions> = async (
  app,
  { service },
) => {
  const { read, write } = roles(app);
  const { repo } = service;

  /** Runs one step on the stored series and writes it unless it moved meanwhile. */
  async function step(
    communityId: string,
    seriesId: string,
    run: (s: SeriesRecord) => Promise<Step> | Step,
  ) {
    const current = await service.series(communityId, seriesId);
    const result = await run(current);
    if (!result.ok) throw await service.refusal(result);
    const written = await repo.apply({
      put: { series: [result.record] },
      expectSeries: [{ id: seriesId, revision: current.revision }],
    });
    if (!written) throw new DomainError('stale', `series ${seriesId} changed meanwhile`, 409);
    return result.record;
  }

  async function memberSchools(s: SeriesRecord): Promise<string[]> {
    const community = await service.community(s.communityId);
    const rooms = new Map(
      (await repo.getMany('classroom', s.spec.memberClassroomIds)).map((c) => [c.id, c]),
    );
    return schoolsConcerned([s.spec], rooms).filter((id) => id !== community.coreSchoolId);
  }

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
      const s = await step(communityId, seriesId, async (r) =>
        propose(r, await memberSchools(r), service.now()),
      );
      return { series: s, conflicts: await service.conflictsOf(s) };
    },
  );

  app.post<{ Params: SeriesParams; Body: RespondBody }>(
    '/communities/:communityId/series/:seriesId/respond',
    {
      // A teacher of the member school answers for it; a coordinator answers on its behalf.
      preHandler: app.requireRole('coordinator', 'teacher'),
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
      const { schoolId, decision, comment } = request.body;
      const p = request.principal!;
      // A coordinator belongs to no school: her answer is always on the school's behalf
      // (代为同意), and recorded so.
      const by = { sub: p.sub, name: p.name };
      const onBehalf = p.role === 'coordinator';
      if (p.role === 'teacher') {
        // A teacher answers for their own school only.
        const own = p.teacherId ? (await repo.get('teacher', p.teacherId))?.schoolId : undefined;
        if (own !== schoolId) {
          request.log.warn({ sub: p.sub, schoolId }, 'teacher answered for another school');
          throw new AccessError(403, `a teacher answers only for their own school`);
        }
      }
      const s = await step(communityId, seriesId, (r) =>
        respond(r, { schoolId, decision, comment, by, onBehalf }, service.now()),
      );
      return { series: s, conflicts: await service.conflictsOf(s) };
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
      let conflicts = await service.conflictsOf(await service.series(communityId, seriesId));
      const s = await step(communityId, seriesId, (r) => {
        const result = publish(r, hardCount(conflicts), service.now());
        if (!result.ok && result.code === 'hard_conflicts')
          throw new DomainError(
            result.code,
            refusalText(result, () => undefined, { count: hardCount(conflicts) }),
            409,
            conflicts.filter((c) => c.severity === 'hard'),
          );
        return result;
      });
      conflicts = await service.conflictsOf(s);
      return { series: s, conflicts };
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
      const proposed = (await repo.byRef('series', `community:${communityId}`)).filter(
        (s) => s.status === 'proposed',
      );
      const { published, refused } = await service.publishTogether(proposed);
      // One change: a swap is never half published.
      const revisionBefore = new Map(proposed.map((s) => [s.id, s.revision]));
      const written = await repo.apply({
        put: { series: published },
        expectSeries: published.map((s) => ({ id: s.id, revision: revisionBefore.get(s.id)! })),
      });
      if (!written)
        throw new DomainError('stale', 'a series changed meanwhile; nothing was published', 409);
      return { published: published.map((s) => s.id), refused };
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
      const s = await service.series(communityId, seriesId);
      const rooms = new Map(
        (
          await repo.getMany(
            'classroom',
            [s.spec, s.published?.spec].flatMap((x) =>
              x ? [x.coreClassroomId, ...x.memberClassroomIds] : [],
            ),
          )
        ).map((c) => [c.id, c]),
      );
      return {
        seriesId,
        publishedVersion: s.published?.version ?? null,
        changes: seriesDiff(s.published?.spec, s.spec),
        schoolIds: schoolsConcerned([s.spec, s.published?.spec], rooms),
      };
    },
  );
};
