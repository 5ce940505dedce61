// Classrooms and teachers of a community's schools.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Classroom, Teacher } from '../../../shared/timetable/model';
import { CommunityParams, NewClassroomBody, NewTeacherBody } from '../../../shared/timetable/api';
import { mayChangeSchool } from '../../timetable/access';
import { enforce, roles, tags, type TimetableRoutesOptions } from './common';

export const peopleRoutes: FastifyPluginAsync<TimetableRoutesOptions> = async (
  app,
  { service },
) => {
  const { read, schoolWrite } = roles(app);

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
        return service.peopleIn(kind, request.params.communityId);
      },
    );

    app.post<{ Params: CommunityParams; Body: NewClassroomBody & NewTeacherBody }>(
      path,
      {
        preHandler: schoolWrite,
        schema: { tags, params: CommunityParams, body: Body, response: { 201: Schema } },
      },
      async (request, reply) => {
        app.assertCommunity(request, request.params.communityId);
        enforce(request, mayChangeSchool(request.principal!, request.body.schoolId));
        const record = await service.addPerson(kind, request.params.communityId, request.body);
        return reply.code(201).send(record);
      },
    );
  }
};
