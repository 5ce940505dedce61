// Bulk import of a community's classrooms and teachers from the spreadsheet a school office
// has (学校, 班级/教室, 教师, 学科, 手机号; XLSX or CSV): every row checked before anything is
// written, every problem listed by row and column, then one atomic change. A template to
// download, with the community's school names filled in.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { ErrorReply } from '../../../shared/lessons';
import {
  PeopleImportRefused,
  PeopleImportReply,
  SetupCommunityParams,
  TemplateQuery,
} from '../../../shared/setup';
import { sheetProblemText } from '../../../shared/setupMessages';
import { parseCsv, toCsv, type CsvRow } from '../../timetable/csv';
import { peopleTemplateHeader, planPeopleImport } from '../../setup/peopleImport';
import { readXlsxRows, writeXlsx } from '../timetable/xlsx';
import { newId } from '../../timetable/TimetableDirectory';
import { Failure } from '../../errors/Failure';
import { setupScope, tags, type SetupRoutesOptions } from './common';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const maxBytes = 2 * 1024 * 1024;

/** A refusal before any row is read, in the same shape as bad rows. */
const unreadable = (detail: string) =>
  new Failure('invalid_rows', sheetProblemText('cannot_read', { detail }), {
    details: [
      { line: 1, code: 'cannot_read', reason: sheetProblemText('cannot_read', { detail }) },
    ],
  });

export const importRoutes: FastifyPluginAsync<SetupRoutesOptions> = async (app, { repo }) => {
  const coordinator = app.requireRole('coordinator');
  const scope = setupScope(app, repo);
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 2 } });
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: maxBytes },
    (_r, body, done) => done(null, body),
  );

  async function uploadedRows(request: FastifyRequest): Promise<CsvRow[]> {
    if (typeof request.body === 'string') return parseCsv(request.body);
    if (!request.isMultipart()) throw unreadable('请上传 XLSX 或 CSV 文件 send a file or text/csv');
    const file = await request.file();
    if (!file) throw unreadable('请上传 XLSX 或 CSV 文件 a file is required');
    const data = await file.toBuffer();
    if (file.file.truncated)
      throw new Failure('too_large', `文件超过 2 MB The file exceeds ${maxBytes} bytes`);
    const xlsx = file.filename.toLowerCase().endsWith('.xlsx') || file.mimetype === XLSX;
    try {
      return xlsx ? await readXlsxRows(data) : parseCsv(data.toString('utf8'));
    } catch (error) {
      throw unreadable(`${file.filename}: ${(error as Error).message}`);
    }
  }

  app.post<{ Params: SetupCommunityParams }>(
    '/setup/communities/:communityId/import',
    {
      preHandler: coordinator,
      schema: {
        tags,
        summary:
          'Import classrooms and teachers (学校, 班级/教室, 教师, 学科, 手机号) from XLSX or CSV; any bad row: nothing written',
        params: SetupCommunityParams,
        response: {
          201: PeopleImportReply,
          400: Type.Union([PeopleImportRefused, ErrorReply]),
          403: ErrorReply,
          413: ErrorReply,
        },
      },
    },
    async (request, reply) => {
      const { communityId } = request.params;
      const { schools } = await scope.community(request, communityId);
      const rows = await uploadedRows(request);
      const classrooms = [];
      const teachers = [];
      for (const s of schools) {
        classrooms.push(...(await repo.byRef('classroom', `school:${s.id}`)));
        teachers.push(...(await repo.byRef('teacher', `school:${s.id}`)));
      }
      const result = planPeopleImport(rows, { schools, classrooms, teachers }, (kind) =>
        newId(kind === 'classroom' ? 'room' : 'tch'),
      );
      if (!result.ok) {
        const lines = new Set(result.problems.map((p) => p.line)).size;
        throw new Failure(
          'invalid_rows',
          `${lines} 行有问题，未导入任何记录 ${result.problems.length} problems in ${lines} rows: nothing imported`,
          { details: result.problems },
        );
      }
      const { plan } = result;
      await repo.apply({
        put: { classroom: plan.classrooms, teacher: [...plan.created, ...plan.updated] },
      });
      request.log.info(
        { sub: request.principal!.sub, communityId, rows: plan.rows },
        'people imported',
      );
      return reply.code(201).send({
        rows: plan.rows,
        classroomsCreated: plan.classrooms.map((c) => c.id),
        teachersCreated: plan.created.map((t) => t.id),
        teachersUpdated: plan.updated.map((t) => t.id),
      });
    },
  );

  app.get<{ Params: SetupCommunityParams; Querystring: TemplateQuery }>(
    '/setup/communities/:communityId/import-template',
    {
      preHandler: coordinator,
      schema: {
        tags,
        summary: 'The import template (XLSX or CSV) with the community’s school names as examples',
        params: SetupCommunityParams,
        querystring: TemplateQuery,
      },
    },
    async (request, reply) => {
      const { schools } = await scope.community(request, request.params.communityId);
      const [first, second] = [
        schools[0]?.name ?? '学校名称',
        schools[1]?.name ?? schools[0]?.name ?? '学校名称',
      ];
      const rows = [
        peopleTemplateHeader,
        [first, '三(1)班', '王老师', '数学', '13800000001'],
        [first, '三(2)班', '', '', ''],
        [second, '四(1)班', '李老师', '语文、道德与法治', '13800000002'],
      ];
      const format = request.query.format ?? 'xlsx';
      reply.header(
        'content-disposition',
        `attachment; filename="tongke-people-template.${format}"; filename*=UTF-8''${encodeURIComponent(`教师与教室导入模板.${format}`)}`,
      );
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
      return reply.type(XLSX).send(await writeXlsx([{ name: '教师与教室', rows }]));
    },
  );
};
