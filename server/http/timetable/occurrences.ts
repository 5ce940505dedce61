// Changing one dated occurrence (cancel, move, substitute teacher) without touching its
// series. Refused, with every reason, when it would leave a hard conflict on that date.
import type { FastifyPluginAsync } from 'fastify';
import { OccurrenceParams, OverrideBody, OverrideReply } from '../../../shared/timetable/api';
import { ErrorReply } from '../../../shared/lessons';
import { roles, tags, type TimetableRoutesOptions } from './common';

export const occurrenceRoutes: FastifyPluginAsync<TimetableRoutesOptions> = async (
  app,
  { service, now },
) => {
  const { write } = roles(app);

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
      return service.setOverride(communityId, occurrenceId, request.body, now());
    },
  );
};
