// The district's evaluation over REST: reports of the district (the bearer's communities),
// one community, one school, one lesson; 评课 reviews and the rubric they are scored on.
// Coordinators and observers of a community read it; other communities are 403 (logged).
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  CommunityParams,
  CommunityReport,
  DistrictReport,
  LessonDetail,
  ReportQuery,
  Review,
  ReviewBody,
  Rubric,
  RubricParams,
  RubricReply,
  SchoolParams,
  SchoolReport,
} from '../../../shared/evaluation';
import { ErrorReply, OccurrenceParams } from '../../../shared/lessons';
import { ReviewError, type EvaluationService } from '../../evaluation/EvaluationService';
import { RangeError400 } from '../../evaluation/range';
import { rubricProblems } from '../../evaluation/reviews';
import { totalsOf, reviewFigures } from '../../evaluation/totals';
import type { LessonLifecycle } from '../../lessons/LessonLifecycle';
import { Failure } from '../../errors/Failure';
import { loadLessonFor } from '../lessons/lessonAccess';

export interface EvaluationRoutesOptions {
  service: EvaluationService;
  lifecycle: LessonLifecycle;
}

const tags = ['evaluation'];
const errors = { 400: ErrorReply, 403: ErrorReply, 404: ErrorReply };

/** Range problems are 400s naming the field, like the schema's own. */
export async function withRange<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RangeError400)
      throw new Failure('invalid_request', error.message, {
        details: [{ field: error.field, message: error.message }],
      });
    throw error;
  }
}

/** Who may set a district's rubric: someone who reads every community of that district. */
async function assertDistrict(
  app: FastifyInstance,
  request: FastifyRequest,
  service: EvaluationService,
  district: string,
) {
  const d = await service.directory();
  const of = [...d.communities.values()].filter((c) => c.district === district);
  if (of.length === 0) throw new Failure('not_found', `no district ${district}`);
  for (const c of of) app.assertCommunity(request, c.id);
}

export const evaluationRoutes: FastifyPluginAsync<EvaluationRoutesOptions> = async (
  app,
  { service, lifecycle },
) => {
  const readers = app.requireRole('coordinator', 'observer', 'district');

  app.get<{ Querystring: ReportQuery }>(
    '/evaluation/district',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'The report of every community the bearer reads (a term by default)',
        querystring: ReportQuery,
        response: { 200: DistrictReport, 400: ErrorReply },
      },
    },
    (request) => withRange(() => service.district(request.principal!, request.query)),
  );

  app.get<{ Params: CommunityParams; Querystring: ReportQuery }>(
    '/evaluation/communities/:communityId',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: "One community's report: its schools, teachers and lessons",
        params: CommunityParams,
        querystring: ReportQuery,
        response: { 200: CommunityReport, ...errors },
      },
    },
    async (request) => {
      const { communityId } = request.params;
      app.assertCommunity(request, communityId);
      if (!(await service.directory()).communities.has(communityId))
        throw new Failure('not_found', `no community ${communityId}`);
      return withRange(() => service.community(communityId, request.query));
    },
  );

  app.get<{ Params: SchoolParams; Querystring: ReportQuery }>(
    '/evaluation/communities/:communityId/schools/:schoolId',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: "One school's report: its classrooms and the lessons it takes part in",
        params: SchoolParams,
        querystring: ReportQuery,
        response: { 200: SchoolReport, ...errors },
      },
    },
    async (request) => {
      const { communityId, schoolId } = request.params;
      app.assertCommunity(request, communityId);
      const report = await withRange(() => service.school(communityId, schoolId, request.query));
      if (!report) throw new Failure('not_found', `no school ${schoolId} in ${communityId}`);
      return report;
    },
  );

  app.get<{ Params: OccurrenceParams }>(
    '/evaluation/lessons/:occurrenceId',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: "One lesson's figures, its reviews and the rubric",
        params: OccurrenceParams,
        response: { 200: LessonDetail, ...errors },
      },
    },
    async (request) => {
      const record = await loadLessonFor(app, request, lifecycle, request.params.occurrenceId);
      const found = await service.lesson(record.occurrence.occurrenceId);
      if (!found) throw new Failure('not_found', `no lesson ${request.params.occurrenceId}`);
      const { facts, reviews, directory } = found;
      const figures = reviewFigures(reviews);
      const totals = totalsOf([facts], figures);
      const teacherName = directory.teachers.get(facts.teacherId)?.name;
      const communityName = directory.communities.get(facts.communityId)?.name;
      return {
        row: {
          facts,
          ...(teacherName ? { teacherName } : {}),
          reviews: { count: totals.reviews.count, avgScorePct: totals.reviews.avgScorePct },
        },
        ...(communityName ? { communityName } : {}),
        classroomNames: Object.fromEntries(
          facts.classrooms.map((c) => {
            const room = directory.classrooms.get(c.classroomId);
            const school = directory.schools.get(room?.schoolId ?? '');
            return [c.classroomId, room ? `${school?.name ?? ''} · ${room.name}` : c.classroomId];
          }),
        ),
        reviews,
        rubric: (await service.rubric(facts.communityId)).rubric,
      };
    },
  );

  app.post<{ Params: OccurrenceParams; Body: ReviewBody }>(
    '/evaluation/lessons/:occurrenceId/reviews',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: '评课: score a lesson on its rubric, with a comment',
        params: OccurrenceParams,
        body: ReviewBody,
        response: { 201: Review, ...errors, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const record = await loadLessonFor(app, request, lifecycle, request.params.occurrenceId);
      try {
        const review = await service.review(record, request.principal!, request.body);
        request.log.info(
          { sub: request.principal!.sub, occurrenceId: review.occurrenceId },
          'lesson reviewed',
        );
        return reply.code(201).send(review);
      } catch (error) {
        if (!(error instanceof ReviewError)) throw error;
        if (error.reason === 'not_started') throw new Failure('not_started', error.message);
        throw new Failure('invalid_request', error.message, { details: error.problems });
      }
    },
  );

  app.get<{ Params: CommunityParams }>(
    '/evaluation/communities/:communityId/rubric',
    {
      preHandler: app.requireRole('coordinator', 'observer', 'district', 'teacher'),
      schema: {
        tags,
        summary: "The rubric the community's lessons are reviewed on",
        params: CommunityParams,
        response: { 200: RubricReply, 403: ErrorReply },
      },
    },
    async (request) => {
      app.assertCommunity(request, request.params.communityId);
      return service.rubric(request.params.communityId);
    },
  );

  app.put<{ Params: RubricParams; Body: Rubric }>(
    '/evaluation/rubrics/:scope/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: "Sets a community's or a whole district's rubric",
        params: RubricParams,
        body: Rubric,
        response: { 200: Rubric, ...errors },
      },
    },
    async (request) => {
      const { scope, id } = request.params;
      if (scope === 'community') app.assertCommunity(request, id);
      else await assertDistrict(app, request, service, id);
      const problems = rubricProblems(request.body);
      if (problems.length > 0)
        throw new Failure('invalid_request', problems[0]!.message, { details: problems });
      await service.setRubric(scope, id, request.body);
      return request.body;
    },
  );
};
