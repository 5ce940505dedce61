// Recordings over REST: the manifest with its event log, and the segment files (with byte
// ranges, so the playback page can seek). Readable by whoever may read the lesson record.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorReply } from '../../../shared/lessons';
import { Type } from '@sinclair/typebox';
import {
  RecordingListQuery,
  RecordingParams,
  RecordingSummary,
  SegmentParams,
  SegmentQuery,
  type RecordingView,
} from '../../../shared/recording';
import { readManifest } from '../../recording/ManifestFile';
import type { LessonLifecycle } from '../../lessons/LessonLifecycle';
import type { Recordings } from '../../recording/Recordings';
import type { ExportJobs } from '../../recording/ExportJobs';
import { AccessError } from '../../auth/authPlugin';
import { Failure } from '../../errors/Failure';
import { loadLessonFor } from '../lessons/lessonAccess';

export interface RecordingRoutesOptions {
  recordings: Recordings;
  exports: ExportJobs;
  lifecycle: LessonLifecycle;
}

const tags = ['recordings'];
/** how long a manifest's file-access token lets the page load segments */
const FILE_ACCESS_MS = 6 * 60 * 60_000;
const fileScope = (recordingId: string) => `recording-files:${recordingId}`;
const readers = ['coordinator', 'teacher', 'device', 'observer', 'district'] as const;

/** Sends a file, or the byte range asked for (a <video> seeks with ranges). */
export async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string,
  type: string,
): Promise<FastifyReply> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new Failure('not_found', 'no such file');
  reply.header('accept-ranges', 'bytes').type(type);
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
  if (!range || info.size === 0) {
    reply.header('content-length', info.size);
    return reply.send(createReadStream(file));
  }
  let start = range[1] ? Number(range[1]) : info.size - Number(range[2]);
  let end = range[1] && range[2] ? Number(range[2]) : info.size - 1;
  start = Math.max(0, start);
  end = Math.min(end, info.size - 1);
  if (start > end) {
    return reply.code(416).header('content-range', `bytes */${info.size}`).send();
  }
  reply
    .code(206)
    .header('content-range', `bytes ${start}-${end}/${info.size}`)
    .header('content-length', end - start + 1);
  return reply.send(createReadStream(file, { start, end }));
}

export const recordingRoutes: FastifyPluginAsync<RecordingRoutesOptions> = async (app, o) => {
  const view = async (request: FastifyRequest, recordingId: string): Promise<RecordingView> => {
    const found = await o.recordings.view(recordingId);
    // A code room has no lesson record to decide who reads it: the coordinators do.
    if (found?.manifest.kind === 'code') {
      if (request.principal?.role !== 'coordinator' || request.principal.occurrenceId) {
        throw new AccessError(403, 'code-room recordings are read by coordinators');
      }
    } else {
      await loadLessonFor(app, request, o.lifecycle, recordingId);
    }
    if (!found) throw new Failure('not_found', `no recording of ${recordingId}`);
    const job = await o.exports.load(recordingId);
    return job ? { ...found, export: job } : found;
  };

  app.get<{ Querystring: RecordingListQuery }>(
    '/recordings',
    {
      preHandler: app.requireRole('coordinator', 'teacher', 'observer', 'district'),
      schema: {
        tags,
        summary: 'The recorded lessons of a community, newest first',
        querystring: RecordingListQuery,
        response: { 200: Type.Array(RecordingSummary) },
      },
    },
    async (request) => {
      const { communityId } = request.query;
      app.assertCommunity(request, communityId);
      const lessons = await o.lifecycle.list({ communityId });
      const out: RecordingSummary[] = [];
      for (const r of lessons) {
        const id = r.occurrence.occurrenceId;
        const manifest = await readManifest(o.recordings.dirOf(id));
        if (!manifest) continue;
        const end = manifest.endedAt ?? Date.now();
        out.push({
          recordingId: id,
          subject: r.occurrence.subject,
          start: r.occurrence.start,
          state: manifest.state,
          durationS: Math.round((end - manifest.startedAt) / 100) / 10,
          segments: manifest.segments.length,
        });
      }
      return out;
    },
  );

  app.get<{ Params: RecordingParams }>(
    '/recordings/:recordingId',
    {
      preHandler: app.requireRoleOrLink(...readers),
      schema: {
        tags,
        summary: 'A lesson recording: its segments, gaps, event log and size',
        params: RecordingParams,
        response: { 404: ErrorReply, 403: ErrorReply },
      },
    },
    async (request) => {
      const { recordingId } = request.params;
      const found = await view(request, recordingId);
      return {
        ...found,
        fileAccess: app.tokens.signScope(fileScope(recordingId), FILE_ACCESS_MS, Date.now()),
      };
    },
  );

  app.delete<{ Params: RecordingParams }>(
    '/recordings/:recordingId',
    {
      preHandler: app.requireRole('coordinator'),
      schema: {
        tags,
        summary: 'Deletes a lesson recording’s files (segments, event log, export)',
        params: RecordingParams,
        response: { 404: ErrorReply, 403: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const { recordingId } = request.params;
      await view(request, recordingId);
      if (o.recordings.isRecording(recordingId) || o.exports.busy(recordingId)) {
        throw new Failure(
          'still_recording',
          '课堂仍在录制或导出中，完成后才能删除 / still recording or exporting: delete it once done',
        );
      }
      o.exports.forget(recordingId);
      if (!(await o.recordings.remove(recordingId))) {
        throw new Failure('not_found', `no recording of ${recordingId}`);
      }
      return reply.code(204).send();
    },
  );

  // A <video> loads this by itself: it shows the manifest's file-access token (?access=),
  // or a caller sends its bearer token in the header as everywhere else.
  const requireFileReader = app.requireRoleOrLink(...readers);
  app.get<{ Params: SegmentParams; Querystring: SegmentQuery }>(
    '/recordings/:recordingId/files/:file',
    {
      preHandler: async (request, reply) => {
        const { access } = request.query;
        if (
          access &&
          app.tokens.verifyScope(access, fileScope(request.params.recordingId), Date.now())
        )
          return;
        if (access) {
          throw new Failure(
            'unauthorized',
            '访问凭证无效或已过期 / file access expired or invalid',
          );
        }
        return requireFileReader.call(app, request, reply, () => undefined);
      },
      schema: {
        tags,
        summary: 'One segment file (WebM/Matroska), with ranges',
        params: SegmentParams,
        querystring: SegmentQuery,
      },
    },
    async (request, reply) => {
      const { recordingId, file } = request.params;
      // With a file-access token the manifest's own check was made when it was issued.
      const manifest = request.principal
        ? (await view(request, recordingId)).manifest
        : (await o.recordings.view(recordingId))?.manifest;
      if (!manifest) throw new Failure('not_found', `no recording of ${recordingId}`);
      // Only files the manifest names: the folder also holds SDP files and the manifest.
      if (!manifest.segments.some((s) => s.file === file)) {
        throw new Failure('not_found', `no segment ${file}`);
      }
      const type = file.endsWith('.webm') ? 'video/webm' : 'video/x-matroska';
      return sendFile(request, reply, join(o.recordings.dirOf(recordingId), file), type);
    },
  );

  app.post<{ Params: RecordingParams }>(
    '/recordings/:recordingId/export',
    {
      preHandler: app.requireRoleOrLink('coordinator', 'teacher', 'observer', 'district'),
      schema: {
        tags,
        summary: 'Compose one MP4 (H.264 + AAC) in the background',
        params: RecordingParams,
      },
    },
    async (request, reply) => {
      const { recordingId } = request.params;
      const found = await view(request, recordingId);
      if (found.manifest.state === 'recording') {
        throw new Failure('still_recording', '录制尚未结束 / the lesson is still being recorded');
      }
      return reply.code(202).send(o.exports.start(recordingId, found.manifest));
    },
  );

  app.get<{ Params: RecordingParams }>(
    '/recordings/:recordingId/export.mp4',
    {
      preHandler: app.requireRoleOrLink(...readers),
      schema: { tags, summary: 'The exported MP4, once done', params: RecordingParams },
    },
    async (request, reply) => {
      const { recordingId } = request.params;
      const found = await view(request, recordingId);
      if (found.export?.state !== 'done' || !found.export.file) {
        throw new Failure('not_exported', '尚未导出 / not exported yet');
      }
      reply.header(
        'content-disposition',
        `attachment; filename="${encodeURIComponent(recordingId)}.mp4"`,
      );
      return sendFile(
        request,
        reply,
        join(o.recordings.dirOf(recordingId), found.export.file),
        'video/mp4',
      );
    },
  );
};
