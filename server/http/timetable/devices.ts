// What classroom PCs and teachers read: today's lessons of a classroom or of a teacher.
// The calendar feeds are in icalFeeds.ts.
import type { FastifyPluginAsync } from 'fastify';
import {
  ClassroomParams,
  TeacherDayReply,
  TeacherParams,
  TeacherWeekReply,
  TeacherWeekQuery,
  TodayReply,
} from '../../../shared/timetable/api';
import { ErrorReply } from '../../../shared/lessons';
import { dayBounds, teacherDay, teacherWeek, todayFor, weekBounds } from '../../timetable/today';
import { maySeeSchedule } from '../../timetable/access';
import { enforce, tags, type TimetableRoutesOptions } from './common';
import { schoolAccess } from './schoolAccess';
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
  { service, now: clock, occurrences, schedule = occurrences, lessons },
) => {
  const anyone = app.requireRole('coordinator', 'teacher', 'observer', 'district', 'device');

  const { classroom } = schoolAccess(app, service);

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
      const now = clock();
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
      preHandler: app.requireRole('coordinator', 'teacher', 'observer', 'district'),
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
      enforce(request, maySeeSchedule(p, id));
      const now = clock();
      const day = await schedule.occurrencesBetween(now - 86_400_000, now + 86_400_000);
      const mine = day.filter((o) => p.communityIds.includes(o.communityId));
      return { teacherId: id, timeZone: service.zone, ...teacherDay(id, mine, now, service.zone) };
    },
  );

  app.get<{ Params: TeacherParams; Querystring: TeacherWeekQuery }>(
    '/teachers/:id/week',
    {
      preHandler: app.requireRole('coordinator', 'teacher', 'observer', 'district'),
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
      enforce(request, maySeeSchedule(p, id));
      const date = request.query.date ?? dayBounds(clock(), service.zone).date;
      const { from, to } = weekBounds(date, service.zone);
      const week = (await schedule.occurrencesBetween(from, to)).filter((o) =>
        p.communityIds.includes(o.communityId),
      );
      const states = await lessons.states(week.map((o) => o.occurrenceId));
      return { teacherId: id, ...teacherWeek(id, week, date, service.zone, states) };
    },
  );
};
