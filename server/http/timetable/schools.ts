// Schools of a community with their bell schedules and term calendars.
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { officialDay } from '../../timetable/officialDays';
import { BellSchedule, School, TermCalendar } from '../../../shared/timetable/model';
import {
  CommunityParams,
  NewSchoolBody,
  OfficialBody,
  SchoolParams,
} from '../../../shared/timetable/api';
import { calendarProblems, officialCalendar } from '../../timetable/calendar';
import { invalid } from '../../timetable/timetableErrors';
import { mayChangeSchool } from '../../timetable/access';
import { enforce, roles, tags, type TimetableRoutesOptions } from './common';

export const schoolRoutes: FastifyPluginAsync<TimetableRoutesOptions> = async (
  app,
  { service },
) => {
  const { read, write, schoolWrite } = roles(app);

  app.get<{ Params: CommunityParams }>(
    '/communities/:communityId/schools',
    {
      preHandler: read,
      schema: { tags, params: CommunityParams, response: { 200: Type.Array(School) } },
    },
    async (request) => {
      app.assertCommunity(request, request.params.communityId);
      return service.schoolsIn(request.params.communityId);
    },
  );

  app.post<{ Params: CommunityParams; Body: NewSchoolBody }>(
    '/communities/:communityId/schools',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Add a member school to the community',
        params: CommunityParams,
        body: NewSchoolBody,
        response: { 201: School },
      },
    },
    async (request, reply) => {
      app.assertCommunity(request, request.params.communityId);
      const school = await service.addSchool(request.params.communityId, request.body);
      return reply.code(201).send(school);
    },
  );

  app.put<{ Params: SchoolParams; Body: NewSchoolBody }>(
    '/communities/:communityId/schools/:schoolId',
    {
      preHandler: write,
      schema: { tags, params: SchoolParams, body: NewSchoolBody, response: { 200: School } },
    },
    async (request) => {
      app.assertCommunity(request, request.params.communityId);
      const { communityId, schoolId } = request.params;
      return service.updateSchool(communityId, schoolId, request.body);
    },
  );

  app.put<{ Params: SchoolParams; Body: BellSchedule }>(
    '/communities/:communityId/schools/:schoolId/bell-schedule',
    {
      preHandler: schoolWrite,
      schema: {
        tags,
        summary: "Replace a school's bell schedule",
        params: SchoolParams,
        body: BellSchedule,
        response: { 200: School },
      },
    },
    async (request) => {
      app.assertCommunity(request, request.params.communityId);
      const { communityId, schoolId } = request.params;
      enforce(request, mayChangeSchool(request.principal!, schoolId));
      return service.setBellSchedule(communityId, schoolId, request.body);
    },
  );

  app.put<{ Params: SchoolParams; Body: TermCalendar }>(
    '/communities/:communityId/schools/:schoolId/calendar',
    {
      preHandler: write,
      schema: {
        tags,
        summary: "Replace a school's term calendar",
        params: SchoolParams,
        body: TermCalendar,
        response: { 200: School },
      },
    },
    async (request) => {
      app.assertCommunity(request, request.params.communityId);
      const { communityId, schoolId } = request.params;
      return service.setCalendar(communityId, schoolId, request.body);
    },
  );

  app.post<{ Body: Static<typeof OfficialBody> }>(
    '/calendars/official',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'A term calendar with the official holidays and 调休 days (not saved)',
        body: OfficialBody,
        response: { 200: TermCalendar },
      },
    },
    async (request) => {
      const { name, firstDay, lastDay } = request.body;
      const calendar = officialCalendar(name, firstDay, lastDay, officialDay);
      const problems = calendarProblems(calendar);
      if (problems.length) throw invalid(problems);
      return calendar;
    },
  );
};
