// Classrooms and teachers of a community's schools.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Classroom, Teacher } from '../../../shared/timetable/model';
import { CommunityParams, NewClassroomBody, NewTeacherBody } from '../../../shared/timetable/api';
import { schoolsOf } from '../../timetable/community';
import { invalid, newId } from './TimetableService';
import { roles, tags, type TimetableRoutesOptions } from './common';
import { DomainError } from '../errorHandler';

export const peopleRoutes: FastifyPluginAsync<TimetableRoutesOptions> = async (
  app,
  { service },
) => {
  const { read, write } = roles(app);
  const { repo } = service;

  async function schoolIds(request: { params: CommunityParams }) {
    return schoolsOf(await service.community(request.params.communityId));
  }

  for (const kind of ['classroom', 'teacher'] as const) {
    const path = `/communities/:communityId/${kind}s`;
    const Schema = kind === 'classroom' ? Classroom : Teacher;
    const Body = kind === 'classroom' ? NewClassroomBody : NewTeacherBody;

    app.get<{ Params: CommunityParams }>(
      path,
      {
        preHandler: read,
        schema: { tags, params: CommunityParams, response: { 200: Type.Array(Schema) } },
      },
      async (request) => {
        app.assertCommunity(request, request.params.communityId);
        const out = [];
        for (const id of await schoolIds(request))
          out.push(...(await repo.byRef(kind, `school:${id}`)));
        return out;
      },
    );

    app.post<{ Params: CommunityParams; Body: NewClassroomBody & NewTeacherBody }>(
      path,
      {
        preHandler: write,
        schema: { tags, params: CommunityParams, body: Body, response: { 201: Schema } },
      },
      async (request, reply) => {
        app.assertCommunity(request, request.params.communityId);
        if (!(await schoolIds(request)).includes(request.body.schoolId))
          throw invalid([
            `schoolId: ${request.body.schoolId} is not a school of ${request.params.communityId}`,
          ]);
        const record = {
          ...request.body,
          id: request.body.id ?? newId(kind === 'classroom' ? 'room' : 'tch'),
        };
        if (await repo.get(kind, record.id))
          throw new DomainError('exists', `${kind} ${record.id} exists`, 409);
        await repo.apply({ put: { [kind]: [record] } });
        return reply.code(201).send(record);
      },
    );
  }
};
