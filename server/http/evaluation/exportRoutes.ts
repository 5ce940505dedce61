// The evaluation as an XLSX workbook: the district's (every community the bearer reads) or
// one community's, same range rules as the reports.
import type { FastifyPluginAsync } from 'fastify';
import { CommunityParams, ReportQuery } from '../../../shared/evaluation';
import { ErrorReply } from '../../../shared/lessons';
import type { EvaluationService } from '../../evaluation/EvaluationService';
import { Failure } from '../../errors/Failure';
import { withRange } from './evaluationRoutes';
import { reportWorkbook } from './reportWorkbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['evaluation'];

/** RFC 5987: the Chinese file name for browsers, an ASCII one for the rest. */
const disposition = (name: string, ascii: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const exportRoutes: FastifyPluginAsync<{
  service: EvaluationService;
  zone: string;
}> = async (app, { service, zone }) => {
  const readers = app.requireRole('coordinator', 'observer', 'district');

  app.get<{ Querystring: ReportQuery }>(
    '/evaluation/district/export.xlsx',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'The district report as XLSX: 共同体 / 学校 / 教师 / 课程明细, each with 合计',
        querystring: ReportQuery,
        response: { 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { district, communities } = await withRange(() =>
        service.communities(request.principal!, request.query),
      );
      const { from, to } = district.range;
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          disposition(`同步课堂捆绑考核_${from}_${to}.xlsx`, `evaluation-${from}-${to}.xlsx`),
        )
        .send(await reportWorkbook(district, communities, zone));
    },
  );

  app.get<{ Params: CommunityParams; Querystring: ReportQuery }>(
    '/evaluation/communities/:communityId/export.xlsx',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: "One community's report as XLSX",
        params: CommunityParams,
        querystring: ReportQuery,
        response: { 400: ErrorReply, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const { communityId } = request.params;
      app.assertCommunity(request, communityId);
      if (!(await service.directory()).communities.has(communityId))
        throw new Failure('not_found', `no community ${communityId}`);
      const one = { ...request.principal!, communityIds: [communityId] };
      const { district, communities } = await withRange(() =>
        service.communities(one, request.query),
      );
      const { from, to } = district.range;
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          disposition(
            `${communities[0]!.name}_捆绑考核_${from}_${to}.xlsx`,
            `evaluation-${communityId}-${from}-${to}.xlsx`,
          ),
        )
        .send(await reportWorkbook(district, communities, zone));
    },
  );
};
