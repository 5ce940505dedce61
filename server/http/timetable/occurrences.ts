// Changing one dated occurrence (cancel, move, substitute teacher) without touching its
// series. Refused, with every reason, when it would leave a hard conflict on that date.
import type { FastifyPluginAsync } from 'fastify';
import { OccurrenceParams, OverrideBody, OverrideReply } from '../../../shared/timetable/api';
import type { OccurrenceOverride } from '../../../shared/timetable/series';
import { ErrorReply } from '../../../shared/lessons';
import { isRealDate } from '../../timetable/localTime';
import { DomainError } from '../errorHandler';
import { inputOf, invalid, TimetableService } from './TimetableService';
import { roles, tags, type TimetableRoutesOptions } from './common';

export const occurrenceRoutes: FastifyPluginAsync<TimetableRoutesOptions> = async (
  app,
  { service },
) => {
  const { write } = roles(app);
  const { repo } = service;

  app.put<{ Params: OccurrenceParams; Body: OverrideBody }>(
    '/communities/:communityId/occurrences/:occurrenceId',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Cancel, move or substitute one occurrence; an empty body restores it',
        params: OccurrenceParams,
        body: OverrideBody,
        response: { 200: OverrideReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const { communityId, occurrenceId } = request.params;
      app.assertCommunity(request, communityId);
      const date = occurrenceId.slice(-10);
      const seriesId = occurrenceId.slice(0, -11);
      const series = await service.series(communityId, seriesId);
      const ctx = await service.context();
      const body = request.body;
      if (body.moveTo && !isRealDate(body.moveTo.date))
        throw invalid([`moveTo/date: ${body.moveTo.date} is no date`]);
      if (body.substituteTeacherId && !ctx.teachers.has(body.substituteTeacherId))
        throw invalid([`substituteTeacherId: no teacher ${body.substituteTeacherId}`]);
      const view = series.published ? 'published' : 'working';
      const input = inputOf(series, view)!;
      const previous = await repo.get('override', occurrenceId);
      const override: OccurrenceOverride = {
        seriesId,
        communityId,
        date,
        cancelled: body.cancelled ?? false,
        ...(body.moveTo ? { moveTo: body.moveTo } : {}),
        ...(body.substituteTeacherId ? { substituteTeacherId: body.substituteTeacherId } : {}),
        note: body.note ?? '',
        revision: (previous?.revision ?? 0) + 1,
        updatedAt: service.now(),
      };
      const { expanded, conflicts } = await service.check([input], view, ctx, override);
      if (!expanded.occurrences.get(seriesId)?.some((o) => o.occurrenceId === occurrenceId))
        throw new DomainError('not_found', `series ${seriesId} has no occurrence on ${date}`, 404);
      const mine = conflicts.get(seriesId) ?? [];
      TimetableService.refuseHard(mine, occurrenceId);
      await repo.apply({ put: { override: [override] } });
      return { override, conflicts: mine.filter((c) => c.occurrenceId === occurrenceId) };
    },
  );
};
