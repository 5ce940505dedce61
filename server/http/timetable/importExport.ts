// Import a community's timetable from CSV or XLSX (all rows good, or nothing written) and
// export the week grid as CSV or XLSX.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { ErrorReply } from '../../../shared/lessons';
import {
  CommunityParams,
  ExportQuery,
  ImportRefusedReply,
  ImportReply,
} from '../../../shared/timetable/api';
import { parseCsv, toCsv, type CsvRow } from '../../timetable/csv';
import { parseTimetableRows } from '../../timetable/importRows';
import { weekGrid } from '../../timetable/weekGrid';
import { newSeries } from '../../timetable/negotiation';
import { schoolsOf } from '../../timetable/community';
import { DomainError } from '../errorHandler';
import { newId } from './TimetableService';
import { roles, tags, type TimetableRoutesOptions } from './common';
import { blocksToSheets, readXlsxRows, writeXlsx } from './xlsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const maxBytes = 2 * 1024 * 1024;

export const importExportRoutes: FastifyPluginAsync<TimetableRoutesOptions> = async (
  app,
  { service },
) => {
  const { read, write } = roles(app);
  const { repo } = service;
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 2 } });
  // A script may also post the CSV text itself.
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: maxBytes },
    (_r, body, done) => done(null, body),
  );

  async function uploadedRows(request: FastifyRequest): Promise<CsvRow[]> {
    if (typeof request.body === 'string') return parseCsv(request.body);
    if (!request.isMultipart())
      throw new DomainError(
        'invalid_request',
        'send a file (multipart field "file") or text/csv',
        400,
      );
    const file = await request.file();
    if (!file)
      throw new DomainError('invalid_request', 'body/file: a CSV or XLSX file is required', 400);
    const data = await file.toBuffer();
    if (file.file.truncated)
      throw new DomainError('too_large', `the file exceeds ${maxBytes} bytes`, 413);
    const xlsx = file.filename.toLowerCase().endsWith('.xlsx') || file.mimetype === XLSX;
    try {
      return xlsx ? await readXlsxRows(data) : parseCsv(data.toString('utf8'));
    } catch (error) {
      throw new DomainError(
        'invalid_request',
        `body/file: cannot read ${file.filename}: ${(error as Error).message}`,
        400,
      );
    }
  }

  app.post<{ Params: CommunityParams }>(
    '/communities/:communityId/import',
    {
      preHandler: write,
      schema: {
        tags,
        summary:
          'Import lessons as drafts from CSV or XLSX (学科,教师,主讲教室,听讲教室,星期,节次,周次); any bad row: nothing written',
        params: CommunityParams,
        response: {
          201: ImportReply,
          // Refused rows, or a request refused before any row is read (no file, bad body).
          400: Type.Union([ImportRefusedReply, ErrorReply]),
        },
      },
    },
    async (request, reply) => {
      const { communityId } = request.params;
      app.assertCommunity(request, communityId);
      const community = await service.community(communityId);
      const rows = await uploadedRows(request);
      const ctx = await service.context();
      const schools = await repo.getMany('school', schoolsOf(community));
      const inCommunity = new Set(schools.map((s) => s.id));
      const parsed = parseTimetableRows(rows, {
        schools,
        classrooms: [...ctx.classrooms.values()].filter((c) => inCommunity.has(c.schoolId)),
        teachers: [...ctx.teachers.values()].filter((t) => inCommunity.has(t.schoolId)),
      });
      const errors = parsed.ok
        ? parsed.specs.flatMap(({ line, spec }) =>
            service.specProblems(community, spec, ctx, '').map((p) => {
              const [field = '', reason = p] = p.split(/: (.*)/s);
              return { line, field: field.replace(/^\//, ''), reason };
            }),
          )
        : parsed.errors;
      if (!parsed.ok || errors.length > 0) {
        throw new DomainError(
          'invalid_rows',
          `${errors.length} bad rows: nothing imported`,
          400,
          errors,
        );
      }
      const now = service.now();
      const series = parsed.specs.map(({ spec }) =>
        newSeries(newId('ser'), communityId, spec, now),
      );
      await repo.apply({ put: { series } });
      const { conflicts } = await service.check(
        series.map((s) => ({ id: s.id, communityId, spec: s.spec, version: 1 })),
        'working',
        ctx,
      );
      return reply
        .code(201)
        .send({ created: series.map((s) => s.id), conflicts: [...conflicts.values()].flat() });
    },
  );

  app.get<{ Params: CommunityParams; Querystring: ExportQuery }>(
    '/communities/:communityId/export',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'The week grid as CSV or XLSX, by school, classroom or teacher',
        params: CommunityParams,
        querystring: ExportQuery,
      },
    },
    async (request, reply) => {
      const { communityId } = request.params;
      app.assertCommunity(request, communityId);
      const community = await service.community(communityId);
      const { date, by = 'school', format = 'csv' } = request.query;
      const week = await service.week(communityId, date, 'published');
      const ctx = await service.context();
      const schools = schoolsOf(community);
      const groups =
        by === 'school'
          ? schools
          : [...(by === 'classroom' ? ctx.classrooms : ctx.teachers).values()]
              .filter((x) => schools.includes(x.schoolId))
              .map((x) => x.id);
      const blocks = weekGrid(week.days, week.occurrences, by, groups, ctx);
      const file = `tongke-${communityId}-${week.monday}-${by}.${format}`;
      reply.header('content-disposition', `attachment; filename="${file}"`);
      if (format === 'xlsx') return reply.type(XLSX).send(await writeXlsx(blocksToSheets(blocks)));
      const rows = blocks.flatMap((b) => [[b.title], ...b.rows, []]);
      return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
    },
  );
};
