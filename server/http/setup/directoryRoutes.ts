// The community's classrooms and teachers for the set-up screens: list and search (with the
// schools and accounts), edit, retire and restore. Retiring never deletes: lessons and their
// records keep naming the classroom or teacher; a retired teacher's accounts are disabled.
import type { FastifyPluginAsync } from 'fastify';
import { ErrorReply } from '../../../shared/lessons';
import {
  ClassroomEditBody,
  DirectoryQuery,
  DirectoryReply,
  SetupRecordParams,
  SetupCommunityParams,
  TeacherEditBody,
} from '../../../shared/setup';
import { Classroom, Teacher } from '../../../shared/timetable/model';
import { searchDirectory } from '../../setup/directory';
import { Failure } from '../../errors/Failure';
import { setupScope, tags, type SetupRoutesOptions } from './common';

export const directoryRoutes: FastifyPluginAsync<SetupRoutesOptions> = async (
  app,
  { repo, users, accounts, issuing, now },
) => {
  const coordinator = app.requireRole('coordinator');
  // a school office edits, retires and restores its own school's records (scope.member)
  const schoolWrite = app.requireRole('coordinator', 'school_office');
  const scope = setupScope(app, repo);
  const errors = { 400: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };

  app.get<{ Params: SetupCommunityParams; Querystring: DirectoryQuery }>(
    '/setup/communities/:communityId/directory',
    {
      preHandler: coordinator,
      schema: {
        tags,
        summary:
          "The community's schools, classrooms, teachers and accounts, searched by name, subject, room, phone or login",
        params: SetupCommunityParams,
        querystring: DirectoryQuery,
        response: { 200: DirectoryReply, ...errors },
      },
    },
    async (request) => {
      const { communityId } = request.params;
      const { schools } = await scope.community(request, communityId);
      const classrooms = [];
      const teachers = [];
      for (const s of schools) {
        classrooms.push(...(await repo.byRef('classroom', `school:${s.id}`)));
        teachers.push(...(await repo.byRef('teacher', `school:${s.id}`)));
      }
      const people = await users.usersIn(communityId);
      const infos = await Promise.all(people.map((u) => issuing.info(u)));
      return searchDirectory(
        { schools, classrooms, teachers, accounts: infos },
        request.query.q,
        request.query.retired ?? false,
      );
    },
  );

  /** A classroom or teacher that lessons name keeps its school: the lessons were checked there. */
  async function assertSchoolKept(
    kind: 'classroom' | 'teacher',
    id: string,
    from: string,
    to: string,
  ) {
    if (from === to) return;
    if ((await repo.byRef('series', `${kind}:${id}`)).length > 0)
      throw new Failure(
        'in_use',
        `${kind === 'classroom' ? '教室' : '教师'}已排有同步课，不能改到另一所学校 Lessons name this ${kind}: it cannot move to another school`,
        { details: [{ field: 'body/schoolId', message: 'named by lessons' }] },
      );
  }

  function assertSchoolIn(schools: { id: string }[], schoolId: string) {
    if (!schools.some((s) => s.id === schoolId))
      throw new Failure(
        'invalid_request',
        `body/schoolId: ${schoolId} is not a school of this community`,
        { details: [{ field: 'body/schoolId', message: 'not a school of this community' }] },
      );
  }

  app.put<{ Params: SetupRecordParams; Body: ClassroomEditBody }>(
    '/setup/communities/:communityId/classrooms/:id',
    {
      preHandler: schoolWrite,
      schema: {
        tags,
        summary: "Edit a classroom's name, school or room",
        params: SetupRecordParams,
        body: ClassroomEditBody,
        response: { 200: Classroom, ...errors },
      },
    },
    async (request) => {
      const { communityId, id } = request.params;
      const { record, schools } = await scope.member(request, communityId, 'classroom', id);
      assertSchoolIn(schools, request.body.schoolId);
      scope.ownSchool(request, request.body.schoolId);
      await assertSchoolKept('classroom', id, record.schoolId, request.body.schoolId);
      const { room: _r, ...rest } = record;
      const next: Classroom = { ...rest, ...request.body };
      await repo.apply({ put: { classroom: [next] } });
      return next;
    },
  );

  app.put<{ Params: SetupRecordParams; Body: TeacherEditBody }>(
    '/setup/communities/:communityId/teachers/:id',
    {
      preHandler: schoolWrite,
      schema: {
        tags,
        summary: "Edit a teacher's name, school, subjects or phone",
        params: SetupRecordParams,
        body: TeacherEditBody,
        response: { 200: Teacher, ...errors },
      },
    },
    async (request) => {
      const { communityId, id } = request.params;
      const { record, schools } = await scope.member(request, communityId, 'teacher', id);
      assertSchoolIn(schools, request.body.schoolId);
      scope.ownSchool(request, request.body.schoolId);
      await assertSchoolKept('teacher', id, record.schoolId, request.body.schoolId);
      const phone = request.body.phone;
      if (phone) {
        const owner = (
          await Promise.all(schools.map((s) => repo.byRef('teacher', `school:${s.id}`)))
        )
          .flat()
          .find((t) => t.phone === phone && t.id !== id);
        if (owner)
          throw new Failure(
            'phone_taken',
            `手机号 ${phone} 已属于 ${owner.name} The number belongs to ${owner.name}`,
            { details: [{ field: 'body/phone', message: `belongs to ${owner.id}` }] },
          );
      }
      const { phone: _p, ...rest } = record;
      const next: Teacher = { ...rest, ...request.body };
      await repo.apply({ put: { teacher: [next] } });
      return next;
    },
  );

  for (const kind of ['classroom', 'teacher'] as const) {
    const Schema = kind === 'classroom' ? Classroom : Teacher;
    for (const action of ['retire', 'restore'] as const) {
      app.post<{ Params: SetupRecordParams }>(
        `/setup/communities/:communityId/${kind}s/:id/${action}`,
        {
          preHandler: schoolWrite,
          schema: {
            tags,
            summary:
              action === 'retire'
                ? `Retire a ${kind}: kept for the lessons that name it, offered for nothing new${kind === 'teacher' ? '; her accounts are disabled' : ''}`
                : `Restore a retired ${kind}${kind === 'teacher' ? ' (her accounts stay disabled until enabled)' : ''}`,
            params: SetupRecordParams,
            response: { 200: Schema, ...errors },
          },
        },
        async (request) => {
          const { communityId, id } = request.params;
          const { record } = await scope.member(request, communityId, kind, id);
          const { retiredAt, ...rest } = record;
          const next = action === 'retire' ? { ...rest, retiredAt: retiredAt ?? now() } : rest;
          await repo.apply({ put: { [kind]: [next] } });
          if (action === 'retire' && kind === 'teacher')
            for (const user of await users.usersIn(communityId))
              if (user.teacherId === id && user.id !== request.principal!.sub)
                await accounts.disable(user.id);
          request.log.info({ sub: request.principal!.sub, kind, id }, `${kind} ${action}d`);
          return next;
        },
      );
    }
  }
};
