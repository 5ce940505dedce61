// What classroom PCs and calendars read: today's lessons of a classroom, and iCalendar
// feeds per classroom and per teacher (the token may come as ?token= for subscriptions).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  ClassroomParams,
  TeacherDayReply,
  TeacherParams,
  TeacherWeekReply,
  TeacherWeekQuery,
  TodayReply,
} from '../../../shared/timetable/api';
import { ErrorReply } from '../../../shared/lessons';
import { teacherRole } from '../../../shared/timetable/occurrence';
import { dayBounds, teacherDay, teacherWeek, todayFor, weekBounds } from '../../timetable/today';
import { icalFeed } from '../../timetable/ical';
import { AccessError } from '../../auth/authPlugin';
import { DomainError } from '../errorHandler';
import { tags, type TimetableRoutesOptions } from './common';
import type { TimetableOccurrenceSource } from '../../store/timetable/TimetableOccurrenceSource';
import type { OccurrenceSource } from '../../../shared/timetable/occurrence';
import type { LessonClockView } from '../../lessons/clockView';

export interface DeviceRoutesOptions extends TimetableRoutesOptions {
  occurrences: TimetableOccurrenceSource;
  /** what the lesson clock runs, so a PC's "today" and its room opening always agree */
  schedule?: OccurrenceSource;
  /** the lesson clock's view: its lead time and each lesson's state */
  lessons: LessonClockView;
}

export const deviceRoutes: FastifyPluginAsync<DeviceRoutesOptions> = async (
  app,
  { service, occurrences, schedule = occurrences, lessons },
) => {
  const { repo } = service;
  const anyone = app.requireRole('coordinator', 'teacher', 'observer', 'device');

  /** A device sees its own classroom only; people see the classrooms of their communities. */
  async function assertSchoolAccess(
    request: FastifyRequest,
    schoolId: string,
    classroomId?: string,
  ) {
    const p = request.principal!;
    if (p.role === 'device') {
      if (p.classroomId === classroomId) return;
      request.log.warn({ sub: p.sub, classroomId }, 'device asked for another classroom');
      throw new AccessError(403, 'a classroom PC sees only its own classroom');
    }
    const communities = await repo.byRef('community', `school:${schoolId}`);
    const mine = communities.find((c) => p.communityIds.includes(c.id));
    app.assertCommunity(request, mine?.id ?? communities[0]?.id ?? '(none)');
  }

  /** A teacher reads her own day and week; coordinators and observers their teachers'. */
  function assertOwnSchedule(request: FastifyRequest, teacherId: string): void {
    const p = request.principal!;
    if (p.role !== 'teacher' || p.teacherId === teacherId) return;
    request.log.warn({ sub: p.sub, teacherId }, "teacher asked for another's schedule");
    throw new AccessError(403, "a teacher sees her own lessons; coordinators see their teachers'");
  }

  async function classroom(request: FastifyRequest, id: string) {
    const room = await repo.get('classroom', id);
    if (!room) throw new DomainError('not_found', `no classroom ${id}`, 404);
    await assertSchoolAccess(request, room.schoolId, id);
    return room;
  }

  app.get<{ Params: ClassroomParams }>(
    '/classrooms/:id/today',
    {
      preHandler: anyone,
      schema: {
        tags,
        summary: 'The lesson a classroom PC must join now or next, and the day',
        params: ClassroomParams,
        response: { 200: TodayReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const { id } = request.params;
      await classroom(request, id);
      const now = service.now();
      const day = await schedule.occurrencesBetween(now - 86_400_000, now + 86_400_000);
      const mine = day.filter((o) => o.coreClassroomId === id || o.memberClassroomIds.includes(id));
      const states = await lessons.states(mine.map((o) => o.occurrenceId));
      return {
        classroomId: id,
        timeZone: service.zone,
        ...todayFor(id, mine, now, service.zone, { openLeadMs: lessons.openLeadMs, states }),
      };
    },
  );

  app.get<{ Params: TeacherParams }>(
    '/teachers/:id/today',
    {
      preHandler: app.requireRole('coordinator', 'teacher', 'observer'),
      schema: {
        tags,
        summary:
          "A teacher's synchronized lessons of today (her own, or in the asker's communities)",
        params: TeacherParams,
        response: { 200: TeacherDayReply, 403: ErrorReply },
      },
    },
    async (request) => {
      const p = request.principal!;
      const { id } = request.params;
      assertOwnSchedule(request, id);
      const now = service.now();
      const day = await schedule.occurrencesBetween(now - 86_400_000, now + 86_400_000);
      const mine = day.filter((o) => p.communityIds.includes(o.communityId));
      return { teacherId: id, timeZone: service.zone, ...teacherDay(id, mine, now, service.zone) };
    },
  );

  app.get<{ Params: TeacherParams; Querystring: TeacherWeekQuery }>(
    '/teachers/:id/week',
    {
      preHandler: app.requireRole('coordinator', 'teacher', 'observer'),
      schema: {
        tags,
        summary:
          "A teacher's week (Monday to Sunday): the lessons she teaches or assists in, with their states",
        params: TeacherParams,
        querystring: TeacherWeekQuery,
        response: { 200: TeacherWeekReply, 403: ErrorReply },
      },
    },
    async (request) => {
      const p = request.principal!;
      const { id } = request.params;
      assertOwnSchedule(request, id);
      const date = request.query.date ?? dayBounds(service.now(), service.zone).date;
      const { from, to } = weekBounds(date, service.zone);
      const week = (await schedule.occurrencesBetween(from, to)).filter((o) =>
        p.communityIds.includes(o.communityId),
      );
      const states = await lessons.states(week.map((o) => o.occurrenceId));
      return { teacherId: id, ...teacherWeek(id, week, date, service.zone, states) };
    },
  );

  async function feed(kind: 'classroom' | 'teacher', id: string) {
    const ctx = await service.context();
    const all = await occurrences.published();
    const mine = all.filter((o) =>
      kind === 'teacher'
        ? teacherRole(id, o) !== undefined
        : o.coreClassroomId === id || o.memberClassroomIds.includes(id),
    );
    const name = kind === 'teacher' ? ctx.teachers.get(id)?.name : ctx.classrooms.get(id)?.name;
    return icalFeed(
      mine,
      {
        calendar: `同步课堂 ${name ?? id}`,
        classroom: (c) => {
          const room = ctx.classrooms.get(c);
          return room ? `${ctx.schools.get(room.schoolId)?.name ?? ''} ${room.name}` : c;
        },
        teacher: (t) => ctx.teachers.get(t)?.name ?? t,
      },
      service.zone,
    );
  }

  app.get<{ Params: { id: string } }>(
    '/ical/classrooms/:id.ics',
    {
      preHandler: anyone,
      schema: {
        tags,
        summary: "iCalendar feed of a classroom's published lessons",
        params: ClassroomParams,
        response: { 200: Type.String() },
      },
    },
    async (request, reply) => {
      await classroom(request, request.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .send(await feed('classroom', request.params.id));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/ical/teachers/:id.ics',
    {
      preHandler: app.requireRole('coordinator', 'teacher', 'observer'),
      schema: {
        tags,
        summary: "iCalendar feed of a teacher's published lessons",
        params: ClassroomParams,
        response: { 200: Type.String() },
      },
    },
    async (request, reply) => {
      const teacher = await repo.get('teacher', request.params.id);
      if (!teacher) throw new DomainError('not_found', `no teacher ${request.params.id}`, 404);
      await assertSchoolAccess(request, teacher.schoolId);
      return reply
        .type('text/calendar; charset=utf-8')
        .send(await feed('teacher', request.params.id));
    },
  );
};
