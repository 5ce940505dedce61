// Schools' and classrooms' downlink budgets over REST (issue #14, "a district can cap a
// school"): read by the community's coordinator and its district, set by them (the audit
// hook records each change). A live lesson takes a change within a few seconds
// (server/live/budget/DownlinkBudgets.ts reads the budgets again while classrooms are live).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ErrorReply } from '../../../shared/lessons';
import { SetupCommunityParams, SetupRecordParams } from '../../../shared/setup';
import {
  DownlinkBudgetBody,
  DownlinkBudgetReply,
  DownlinkBudgetsReply,
  type DownlinkTarget,
} from '../../../shared/downlinkBudget';
import type { TimetableRepository } from '../../store/timetable/TimetableRepository';
import type { DownlinkBudgetRepository } from '../../store/budget/DownlinkBudgetRepository';
import { Failure } from '../../errors/Failure';
import { setupScope, tags } from './common';

export interface BudgetRoutesOptions {
  repo: TimetableRepository;
  budgets: DownlinkBudgetRepository;
  now: () => number;
}

export const budgetRoutes: FastifyPluginAsync<BudgetRoutesOptions> = async (
  app,
  { repo, budgets, now },
) => {
  const may = app.requireRole('coordinator', 'district');
  const scope = setupScope(app, repo);
  const errors = { 400: ErrorReply, 403: ErrorReply, 404: ErrorReply };

  /** The community's schools and the classrooms of them (retired ones too: their budget stays). */
  async function recordsOf(request: FastifyRequest, communityId: string) {
    const { schools } = await scope.community(request, communityId);
    const classrooms = (
      await Promise.all(schools.map((s) => repo.byRef('classroom', `school:${s.id}`)))
    ).flat();
    return { schools, classrooms };
  }

  app.get<{ Params: SetupCommunityParams }>(
    '/setup/communities/:communityId/downlink-budgets',
    {
      preHandler: may,
      schema: {
        tags,
        summary: "The downlink budgets (kbit/s) set for the community's schools and classrooms",
        params: SetupCommunityParams,
        response: { 200: DownlinkBudgetsReply, ...errors },
      },
    },
    async (request) => {
      const { schools, classrooms } = await recordsOf(request, request.params.communityId);
      const found = await budgets.budgetsOf([
        ...schools.map((s) => ({ target: 'school' as const, id: s.id })),
        ...classrooms.map((c) => ({ target: 'classroom' as const, id: c.id })),
      ]);
      return {
        schools: found.filter((b) => b.target === 'school'),
        classrooms: found.filter((b) => b.target === 'classroom'),
      };
    },
  );

  for (const target of ['school', 'classroom'] as const satisfies readonly DownlinkTarget[]) {
    app.put<{ Params: SetupRecordParams; Body: DownlinkBudgetBody }>(
      `/setup/communities/:communityId/${target}s/:id/downlink-budget`,
      {
        preHandler: may,
        schema: {
          tags,
          summary:
            target === 'school'
              ? "Sets a school's downlink budget in kbit/s (shared by its classrooms live at once), or null for none"
              : "Sets a classroom's own downlink budget in kbit/s (within its school's), or null for none",
          params: SetupRecordParams,
          body: DownlinkBudgetBody,
          response: { 200: DownlinkBudgetReply, ...errors },
        },
      },
      async (request) => {
        const { communityId, id } = request.params;
        const { schools, classrooms } = await recordsOf(request, communityId);
        const known = target === 'school' ? schools : classrooms;
        if (!known.some((r) => r.id === id))
          throw new Failure('not_found', `no ${target} ${id} in ${communityId}`);
        const kbps = request.body.downlinkKbps;
        if (kbps === null) await budgets.clearBudget({ target, id });
        else
          await budgets.putBudget({
            target,
            id,
            downlinkKbps: kbps,
            updatedAt: now(),
            updatedBy: request.principal!.sub,
          });
        request.log.info({ sub: request.principal!.sub, target, id, kbps }, 'downlink budget set');
        return { target, id, downlinkKbps: kbps };
      },
    );
  }
};
