// The lesson occurrence's log over REST: every event in order, on the server's clock (the
// recording's clock), for playback to replay and the research room to discuss.
import type { FastifyPluginAsync } from 'fastify';
import { ErrorReply, OccurrenceParams } from '../../../shared/lessons';
import { LessonLogReply } from '../../../shared/lessonLog';
import type { LessonLogRepository } from '../../store/lessons/LessonLogRepository';
import { loadLessonFor, type LessonDeps } from './lessonAccess';

export interface LessonLogRoutesOptions extends LessonDeps {
  lessonLog: LessonLogRepository;
}

export const lessonLogRoutes: FastifyPluginAsync<LessonLogRoutesOptions> = async (app, deps) => {
  app.get<{ Params: OccurrenceParams }>(
    '/lessons/:occurrenceId/events',
    {
      preHandler: app.requireRoleOrLink('coordinator', 'teacher', 'observer'),
      schema: {
        tags: ['lessons'],
        summary: 'The lesson’s log: stage, shares, hands, chat, questions, answers, timer',
        params: OccurrenceParams,
        response: { 200: LessonLogReply, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const record = await loadLessonFor(app, request, deps.lifecycle, request.params.occurrenceId);
      return { events: await deps.lessonLog.list(record.occurrence.occurrenceId) };
    },
  );
};
