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
import { bellScheduleProblems } from '../../timetable/bellSchedule';
import { calendarProblems, officialCalendar } from '../../timetable/calendar';
import { schoolsOf } from '../../timetable/community';
import { DomainError } from '../errorHandler';
import { invalid, newId } from './TimetableService';
import { roles, tags, type TimetableRoutesOptions } from './common';

export const schoolRoutes: FastifyPluginAsync<TimetableRoutesOptions> = async (
  app,
  { service },
) => {
  const { read, write } = roles(app);
  const { repo } = service;

  function validate(school: Pick<School, 'bellSchedule' | 'calendar'>, prefix = 'body') {
    const problems = [
      ...bellScheduleProblems(school.bellSchedule).map((p) => `bellSchedule/${p}`),
      ...calendarProblems(school.calendar).map((p) => `calendar/${p}`),
    ];
    if (problems.length) throw invalid(problems, prefix);
  }

  async function schoolIn(communityId: string, schoolId: string): Promise<School> {
    const community = await service.community(communityId);
    const school = schoolsOf(community).includes(schoolId)
      ? await repo.get('school', schoolId)
      : undefined;
    if (!school) throw new DomainError('not_found', `no school ${schoolId} in ${communityId}`, 404);
    return school;
  }

  app.get<{ Params: CommunityParams }>(
    '/communities/:communityId/schools',
    {
      preHandler: read,
      schema: { tags, params: CommunityParams, response: { 200: Type.Array(School) } },
    },
    async (request) => {
      app.assertCommunity(request, request.params.communityId);
      return repo.getMany('school', schoolsOf(await service.community(request.params.communityId)));
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
      const community = await service.community(request.params.communityId);
      const school: School = { ...request.body, id: request.body.id ?? newId('sch') };
      validate(school);
      if (await repo.get('school', school.id))
        throw new DomainError('exists', `school ${school.id} exists`, 409);
      const next = { ...community, memberSchoolIds: [...community.memberSchoolIds, school.id] };
      await repo.apply({ put: { school: [school], community: [next] } });
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
      await schoolIn(request.params.communityId, request.params.schoolId);
      const school = { ...request.body, id: request.params.schoolId };
      validate(school);
      await repo.apply({ put: { school: [school] } });
      return school;
    },
  );

  app.put<{ Params: SchoolParams; Body: BellSchedule }>(
    '/communities/:communityId/schools/:schoolId/bell-schedule',
    {
      preHandler: write,
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
      const school = {
        ...(await schoolIn(request.params.communityId, request.params.schoolId)),
        bellSchedule: request.body,
      };
      const problems = bellScheduleProblems(request.body);
      if (problems.length) throw invalid(problems);
      await repo.apply({ put: { school: [school] } });
      return school;
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
      const school = {
        ...(await schoolIn(request.params.communityId, request.params.schoolId)),
        calendar: request.body,
      };
      const problems = calendarProblems(request.body);
      if (problems.length) throw invalid(problems);
      await repo.apply({ put: { school: [school] } });
      return school;
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
