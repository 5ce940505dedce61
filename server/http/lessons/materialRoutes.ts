// Material (导学单, 教学设计, 课件, 课堂练习) attached to an occurrence or its whole series:
// upload with type and size limits, list, download for the classrooms and the research room.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { Type, type Static } from '@sinclair/typebox';
import {
  ErrorReply,
  Material,
  MaterialKind,
  MaterialParams,
  OccurrenceParams,
} from '../../../shared/lessons';
import { check } from '../../../shared/validation';
import { AccessError } from '../../auth/authPlugin';
import { acceptedMimeType, materialPath, safeFileName } from '../../lessons/materialFiles';
import { mayControl } from '../../lessons/teacherActions';
import type { MaterialRepository } from '../../store/lessons/LessonRepository';
import { Failure } from '../../errors/Failure';
import { loadLessonFor, type LessonDeps } from './lessonAccess';

function classroomInLesson(
  classroomId: string | undefined,
  o: { coreClassroomId: string; memberClassroomIds: string[] },
): boolean {
  return (
    classroomId !== undefined &&
    (o.coreClassroomId === classroomId || o.memberClassroomIds.includes(classroomId))
  );
}

export interface MaterialRoutesOptions extends LessonDeps {
  dataDir: string;
  maxBytes: number;
  now: () => number;
}

const tags = ['material'];
const Scope = Type.Union([Type.Literal('occurrence'), Type.Literal('series')]);

function fieldValue(fields: Record<string, unknown>, name: string): unknown {
  const f = fields[name] as { type?: string; value?: unknown } | undefined;
  return f?.type === 'field' ? f.value : undefined;
}

export const materialRoutes: FastifyPluginAsync<MaterialRoutesOptions> = async (app, deps) => {
  await app.register(multipart, {
    limits: { fileSize: deps.maxBytes, files: 1, fields: 4, fieldSize: 1024 },
  });
  const repo: MaterialRepository = deps.materials;

  /**
   * A material the bearer may open: its community; for a link token its lesson; for a
   * classroom PC a lesson of its classroom (the projector fetches what is pushed to it with
   * its own token, and nothing of the community's other lessons).
   */
  async function materialFor(request: FastifyRequest, id: string): Promise<Material> {
    const m = await repo.get(id);
    if (!m) throw new Failure('not_found', `no material ${id}`);
    app.assertCommunity(request, m.communityId);
    if (request.principal!.role === 'device' && m.occurrenceId !== undefined) {
      const record = await deps.lifecycle.get(m.occurrenceId);
      if (!record || !classroomInLesson(request.principal!.classroomId, record.occurrence)) {
        request.log.warn({ sub: request.principal!.sub, material: id }, 'material refused');
        throw new AccessError(403, 'classroom_not_in_lesson');
      }
    }
    const link = request.principal!.occurrenceId;
    if (link !== undefined) {
      const record = await loadLessonFor(app, request, deps.lifecycle, link);
      const ofLesson = m.occurrenceId === link || m.seriesId === record.occurrence.seriesId;
      if (!ofLesson) throw new AccessError(403, 'this link is for another lesson');
    }
    return m;
  }

  app.post<{ Params: Static<typeof OccurrenceParams> }>(
    '/lessons/:occurrenceId/materials',
    {
      preHandler: app.requireRole('coordinator', 'teacher'),
      schema: {
        tags,
        summary:
          'Attach a file (multipart: fields kind, scope=occurrence|series, then file) to the lesson',
        consumes: ['multipart/form-data'],
        params: OccurrenceParams,
        response: { 201: Material, 400: ErrorReply, 403: ErrorReply, 413: ErrorReply },
      },
    },
    async (request, reply) => {
      const record = await loadLessonFor(app, request, deps.lifecycle, request.params.occurrenceId);
      const allowed = mayControl(request.principal!, record);
      if (!allowed.ok) {
        request.log.warn({ sub: request.principal!.sub, reason: allowed.reason }, 'upload refused');
        throw new AccessError(403, allowed.reason);
      }
      const file = await request.file();
      if (!file) throw new Failure('invalid_request', 'a file is required');
      const fields = file.fields as Record<string, unknown>;
      const kind = check(MaterialKind, fieldValue(fields, 'kind'));
      const scope = check(Scope, fieldValue(fields, 'scope') ?? 'occurrence');
      if (!kind.ok || !scope.ok) {
        file.file.resume();
        const field = !kind.ok ? 'kind' : 'scope';
        throw new Failure('invalid_request', `${field} must be sent before the file`, {
          details: [{ field: `/${field}` }],
        });
      }
      const fileName = safeFileName(file.filename);
      const mimeType = acceptedMimeType(fileName, file.mimetype);
      if (!mimeType) {
        file.file.resume();
        throw new Failure('unsupported_type', `${fileName}: this type of file is not accepted`);
      }

      const id = randomUUID();
      const path = materialPath(deps.dataDir, id);
      await mkdir(dirname(path), { recursive: true });
      // Write beside, then rename: a half-uploaded file never appears under its id.
      await pipeline(file.file, createWriteStream(`${path}.part`));
      if (file.file.truncated) {
        await rm(`${path}.part`, { force: true });
        throw new Failure('too_large', `files are limited to ${deps.maxBytes} bytes`);
      }
      await rename(`${path}.part`, path);
      const o = record.occurrence;
      const material: Material = {
        id,
        communityId: o.communityId,
        ...(scope.value === 'series' ? { seriesId: o.seriesId } : { occurrenceId: o.occurrenceId }),
        kind: kind.value,
        fileName,
        mimeType,
        size: file.file.bytesRead,
        uploadedBy: request.principal!.sub,
        uploadedAt: deps.now(),
      };
      await repo.add(material);
      return reply.code(201).send(material);
    },
  );

  app.get<{ Params: Static<typeof OccurrenceParams> }>(
    '/lessons/:occurrenceId/materials',
    {
      preHandler: app.requireRoleOrLink('coordinator', 'teacher', 'device', 'observer', 'district'),
      schema: {
        tags,
        summary: 'Material of the lesson and its series',
        params: OccurrenceParams,
        response: { 200: Type.Array(Material) },
      },
    },
    async (request) => {
      const record = await loadLessonFor(app, request, deps.lifecycle, request.params.occurrenceId);
      const p = request.principal!;
      if (p.role === 'device' && !classroomInLesson(p.classroomId, record.occurrence)) {
        throw new AccessError(403, 'classroom_not_in_lesson');
      }
      return repo.listFor(record.occurrence.occurrenceId, record.occurrence.seriesId);
    },
  );

  app.get<{ Params: Static<typeof MaterialParams> }>(
    '/materials/:id/file',
    {
      preHandler: app.requireRoleOrLink('coordinator', 'teacher', 'device', 'observer', 'district'),
      schema: { tags, summary: 'The file itself', params: MaterialParams },
    },
    async (request, reply) => {
      const m = await materialFor(request, request.params.id);
      return reply
        .type(m.mimeType)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(m.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(createReadStream(materialPath(deps.dataDir, m.id)));
    },
  );

  app.delete<{ Params: Static<typeof MaterialParams> }>(
    '/materials/:id',
    {
      preHandler: app.requireRole('coordinator', 'teacher'),
      schema: {
        tags,
        summary: 'Remove material (its uploader or a coordinator)',
        params: MaterialParams,
      },
    },
    async (request, reply) => {
      const m = await materialFor(request, request.params.id);
      const p = request.principal!;
      if (p.role !== 'coordinator' && p.sub !== m.uploadedBy) {
        throw new AccessError(403, 'only the uploader or a coordinator may remove it');
      }
      await repo.remove(m.id);
      await rm(materialPath(deps.dataDir, m.id), { force: true });
      return reply.code(204).send();
    },
  );
};
