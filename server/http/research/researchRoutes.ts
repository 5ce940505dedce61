// Research sessions over REST: the record beside the minutes, listings per lesson, teacher
// and community (the archive), closing early, and invitation links for member classrooms.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { LessonRecord } from '../../../shared/lessons';
import {
  ErrorReply,
  LessonRecord as LessonRecordSchema,
  OccurrenceParams,
} from '../../../shared/lessons';
import {
  Invitation,
  ResearchListQuery,
  ResearchSummary,
  ResearchView,
  minutesSections,
} from '../../../shared/research';
import { AccessError } from '../../auth/authPlugin';
import type { SignInCodes } from '../../auth/signInCodes';
import type { TokenIssuer } from '../../auth/tokens';
import { Failure } from '../../errors/Failure';
import { mayControl } from '../../lessons/teacherActions';
import type { MinutesService } from '../../research/MinutesService';
import { researchInvitations } from '../../research/invitations';
import { researchGate } from '../../research/researchGate';
import { lessonView, loadLessonFor, type LessonDeps } from '../lessons/lessonAccess';

export interface ResearchRoutesOptions extends LessonDeps {
  minutes: MinutesService;
  tokens: TokenIssuer;
  codes: SignInCodes;
  now: () => number;
}

const tags = ['research'];

function researchSummary(r: LessonRecord): ResearchSummary {
  const o = r.occurrence;
  const opened = r.transitions.find((t) => t.to === 'research')?.at;
  const closed =
    opened !== undefined ? r.transitions.find((t) => t.to === 'archived')?.at : undefined;
  return {
    occurrenceId: o.occurrenceId,
    communityId: o.communityId,
    teacherId: o.teacherId,
    subject: o.subject,
    start: o.start,
    state: r.state,
    ...(opened !== undefined ? { openedAt: opened } : {}),
    ...(r.researchClosesAt !== undefined ? { closesAt: r.researchClosesAt } : {}),
    ...(closed !== undefined ? { closedAt: closed } : {}),
  };
}

export const researchRoutes: FastifyPluginAsync<ResearchRoutesOptions> = async (app, deps) => {
  const { lifecycle, minutes } = deps;

  app.get<{ Querystring: ResearchListQuery }>(
    '/research',
    {
      preHandler: app.requireRole('coordinator', 'teacher', 'observer', 'district'),
      schema: {
        tags,
        summary: 'Research sessions (open and archived) of a community, optionally one teacher’s',
        querystring: ResearchListQuery,
        response: { 200: Type.Array(ResearchSummary) },
      },
    },
    async (request) => {
      const q = request.query;
      app.assertCommunity(request, q.communityId);
      const records = await lifecycle.list({
        communityId: q.communityId,
        ...(q.teacherId ? { teacherId: q.teacherId } : {}),
        states: q.state ? [q.state] : ['research', 'archived'],
      });
      // Archived lessons that never had a research session (cancelled) are not sessions.
      return records
        .filter((r) => r.transitions.some((t) => t.to === 'research'))
        .map(researchSummary);
    },
  );

  app.get<{ Params: OccurrenceParams }>(
    '/research/:occurrenceId',
    {
      preHandler: app.requireRoleOrLink('coordinator', 'teacher', 'device', 'observer', 'district'),
      schema: {
        tags,
        summary: 'The research session: lesson record, attendance, material and the minutes',
        params: OccurrenceParams,
        response: { 200: ResearchView, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const record = await loadLessonFor(app, request, lifecycle, request.params.occurrenceId);
      const decision = researchGate(request.principal!, record.occurrence, record.state);
      if (!decision.ok) {
        request.log.warn(
          { sub: request.principal!.sub, reason: decision.reason },
          'research refused',
        );
        throw new AccessError(403, decision.reason);
      }
      const view = await lessonView(deps, record);
      const sections = minutesSections(record.occurrence, view.names);
      const text = await minutes.text(
        record.occurrence.occurrenceId,
        sections.map((s) => s.key),
      );
      return { record: view, sections, minutes: text, access: decision.access };
    },
  );

  app.post<{ Params: OccurrenceParams }>(
    '/research/:occurrenceId/close',
    {
      preHandler: app.requireRole('coordinator', 'teacher'),
      schema: {
        tags,
        summary: 'Close the research session now; the record is archived read-only',
        params: OccurrenceParams,
        response: { 200: LessonRecordSchema, 403: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => lifecycle.closeResearch(request.params.occurrenceId, request.principal!),
  );

  app.post<{ Params: OccurrenceParams }>(
    '/research/:occurrenceId/invitations',
    {
      preHandler: app.requireRole('coordinator', 'teacher'),
      schema: {
        tags,
        summary:
          'Links for each member classroom’s teacher (no login needed): a one-time code to trade for a token',
        params: OccurrenceParams,
        response: { 200: Type.Array(Invitation), 403: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const record = await loadLessonFor(app, request, lifecycle, request.params.occurrenceId);
      const allowed = mayControl(request.principal!, record);
      if (!allowed.ok) throw new AccessError(403, allowed.reason);
      if (record.state === 'archived') {
        throw new Failure('research_not_open', 'closed');
      }
      return researchInvitations(record, deps.tokens, deps.codes, lifecycle.settings, deps.now());
    },
  );
};
