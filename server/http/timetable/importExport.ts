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
import { tooLarge, unreadable } from '../../timetable/timetableErrors';
import { roles, tags, type TimetableRoutesOptions } from './common';
import { blocksToSheets, readXlsxRows, writeXlsx } from './xlsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const maxBytes = 2 * 1024 * 1024;

export const importExportRoutes: FastifyPluginAsync<TimetableRoutesOptions> = async (
  app,
  { service, now },
) => {
  const { read, write } = roles(app);
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
      throw unreadable('send a file (multipart field "file") or text/csv');
    const file = await request.file();
    if (!file) throw unreadable('body/file: a CSV or XLSX file is required');
    const data = await file.toBuffer();
    if (file.file.truncated) throw tooLarge(maxBytes);
    const xlsx = file.filename.toLowerCase().endsWith('.xlsx') || file.mimetype === XLSX;
    try {
      return xlsx ? await readXlsxRows(data) : parseCsv(data.toString('utf8'));
    } catch (error) {
      throw unreadable(`body/file: cannot read ${file.filename}: ${(error as Error).message}`);
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
      await service.community(communityId);
      const rows = await uploadedRows(request);
      return reply.code(201).send(await service.importRows(communityId, rows, now()));
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
      const { date, by = 'school', format = 'csv' } = request.query;
      const { monday, blocks } = await service.weekBlocks(communityId, { date, by });
      const file = `tongke-${communityId}-${monday}-${by}.${format}`;
      reply.header('content-disposition', `attachment; filename="${file}"`);
      if (format === 'xlsx') return reply.type(XLSX).send(await writeXlsx(blocksToSheets(blocks)));
      const rows = blocks.flatMap((b) => [[b.title], ...b.rows, []]);
      return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
    },
  );
};
