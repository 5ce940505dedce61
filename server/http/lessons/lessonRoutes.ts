// Lessons over REST: list, the lesson record (state, history, attendance, material), the
// join check, and the teacher's start / end / run-over.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Temporal } from 'temporal-polyfill';
import {
  ErrorReply,
  ExtendBody,
  JoinCheckReply,
  LessonListQuery,
  LessonRecord,
  LessonSummary,
  LessonView,
  OccurrenceParams,
} from '../../../shared/lessons';
import type { Principal } from '../../../shared/auth';
import { joinGate } from '../../lessons/joinGate';
import { lessonView, loadLessonFor, type LessonDeps } from './lessonAccess';

export interface LessonRoutesOptions extends LessonDeps {
  timeZone: string;
  now: () => number;
}

const tags = ['lessons'];
export function summary(
  r: LessonRecord,
  names?: { communities: Map<string, string>; teachers: Map<string, string> },
): LessonSummary {
  const o = r.occurrence;
  const communityName = names?.communities.get(o.communityId);
  const teacherName = names?.teachers.get(o.teacherId);
  return {
    ...(communityName ? { communityName } : {}),
    ...(teacherName ? { teacherName } : {}),
    occurrenceId: o.occurrenceId,
    communityId: o.communityId,
    teacherId: o.teacherId,
    subject: o.subject,
    start: o.start,
    end: o.end,
    state: r.state,
  };
}

export const lessonRoutes: FastifyPluginAsync<LessonRoutesOptions> = async (app, deps) => {
  const { lifecycle } = deps;

  app.get<{ Querystring: LessonListQuery }>(
    '/lessons',
    {
      preHandler: app.requireRole('coordinator', 'teacher', 'observer', 'district'),
      schema: {
        tags,
        summary: 'Lessons of a community, newest first',
        querystring: LessonListQuery,
        response: { 200: Type.Array(LessonSummary) },
      },
    },
    async (request) => {
      const q = request.query;
      app.assertCommunity(request, q.communityId);
      let from: number | undefined;
      let to: number | undefined;
      if (q.date) {
        const day = Temporal.PlainDate.from(q.date);
        from = day.toZonedDateTime({ timeZone: deps.timeZone }).epochMilliseconds;
        to = day.add({ days: 1 }).toZonedDateTime({ timeZone: deps.timeZone }).epochMilliseconds;
      }
      const records = await lifecycle.list({
        communityId: q.communityId,
        ...(q.teacherId ? { teacherId: q.teacherId } : {}),
        ...(q.state ? { states: [q.state] } : {}),
        ...(from !== undefined ? { from, to } : {}),
      });
      const names = await deps.names.ofSummaries(records.map((r) => r.occurrence));
      return records.map((r) => summary(r, names));
    },
  );

  app.get<{ Params: OccurrenceParams }>(
    '/lessons/:occurrenceId',
    {
      preHandler: app.requireRoleOrLink('coordinator', 'teacher', 'device', 'observer', 'district'),
      schema: {
        tags,
        summary: 'The lesson record: state and history, attendance, material',
        params: OccurrenceParams,
        response: { 200: LessonView, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const record = await loadLessonFor(app, request, lifecycle, request.params.occurrenceId);
      return lessonView(deps, record);
    },
  );

  app.get<{ Params: OccurrenceParams }>(
    '/lessons/:occurrenceId/join',
    {
      preHandler: app.requireRole('coordinator', 'teacher', 'device', 'observer', 'district'),
      schema: {
        tags,
        summary: 'Whether the bearer may join the live room now, and as what',
        params: OccurrenceParams,
        response: { 200: JoinCheckReply },
      },
    },
    async (request) => {
      const record = await loadLessonFor(app, request, lifecycle, request.params.occurrenceId);
      const decision = joinGate(request.principal!, record.occurrence, record.state, deps.now(), {
        maxEarlyStartMs: lifecycle.settings.maxEarlyStartMs,
      });
      return { ...decision, state: record.state, now: deps.now() };
    },
  );

  const action = (
    path: string,
    summaryText: string,
    run: (id: string, principal: Principal, body: unknown) => Promise<LessonRecord>,
    body?: typeof ExtendBody,
  ) =>
    app.post<{ Params: OccurrenceParams }>(
      `/lessons/:occurrenceId/${path}`,
      {
        preHandler: app.requireRole('coordinator', 'teacher'),
        schema: {
          tags,
          summary: summaryText,
          params: OccurrenceParams,
          ...(body ? { body } : {}),
          response: { 200: LessonRecord, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply },
        },
      },
      async (request) => run(request.params.occurrenceId, request.principal!, request.body),
    );

  action('start', 'The teacher starts the lesson (at most the configured minutes early)', (id, p) =>
    lifecycle.startLesson(id, p),
  );
  action('end', 'The teacher ends the lesson; the research room opens', (id, p) =>
    lifecycle.endLesson(id, p),
  );
  action(
    'extend',
    'The teacher runs over: the lesson ends at `until` (within the late-end limit)',
    (id, p, body) => lifecycle.extendLesson(id, Date.parse((body as ExtendBody).until), p),
    ExtendBody,
  );
};
