// A community's recording policy over REST: whether its lessons are recorded by
// themselves and how long recordings are kept. Read by the community's people, set by
// its coordinators (the audit hook logs each change). Beside it, whether a lesson that
// goes live now would be recorded (the teacher's badge before she starts).
import type { FastifyPluginAsync } from 'fastify';
import { ErrorReply } from '../../../shared/lessons';
import type { RecordingPolicy } from '../../../shared/recording';
import {
  CommunityPolicyParams,
  RecordingPolicyBody,
  RecordingPolicyView,
  RecordingReadiness,
} from '../../../shared/recording';
import { policyView, type ServerRecordingDefaults } from '../../recording/policy';
import type { RecordingPolicyRepository } from '../../store/recording/RecordingPolicyRepository';

export interface RecordingPolicyRoutesOptions {
  policies: RecordingPolicyRepository;
  defaults: ServerRecordingDefaults;
  /** whether a lesson of the community going live now is recorded (server/recording/readiness.ts) */
  readinessOf: (communityId: string) => Promise<RecordingReadiness>;
  now?: () => number;
}

const tags = ['recordings'];

export const recordingPolicyRoutes: FastifyPluginAsync<RecordingPolicyRoutesOptions> = async (
  app,
  o,
) => {
  const now = o.now ?? Date.now;
  // who reads a community's policy and readiness (each also checked to be of the community)
  const communityPeople = app.requireRole('coordinator', 'teacher', 'observer', 'district');
  app.get<{ Params: CommunityPolicyParams }>(
    '/communities/:communityId/recording-policy',
    {
      preHandler: communityPeople,
      schema: {
        tags,
        summary: 'Whether the community’s lessons are recorded, and how long they are kept',
        params: CommunityPolicyParams,
        response: { 200: RecordingPolicyView, 403: ErrorReply },
      },
    },
    async (request) => {
      const { communityId } = request.params;
      app.assertCommunity(request, communityId);
      return policyView(communityId, await o.policies.policy(communityId), o.defaults);
    },
  );

  app.get<{ Params: CommunityPolicyParams }>(
    '/communities/:communityId/recording-readiness',
    {
      preHandler: communityPeople,
      schema: {
        tags,
        summary: 'Whether a lesson of the community that goes live now is recorded, and if not why',
        params: CommunityPolicyParams,
        response: { 200: RecordingReadiness, 403: ErrorReply },
      },
    },
    async (request) => {
      const { communityId } = request.params;
      app.assertCommunity(request, communityId);
      return o.readinessOf(communityId);
    },
  );

  app.put<{ Params: CommunityPolicyParams; Body: RecordingPolicyBody }>(
    '/communities/:communityId/recording-policy',
    {
      preHandler: app.requireRole('coordinator'),
      schema: {
        tags,
        summary: 'Sets the community’s recording policy (no retentionDays: the server’s)',
        params: CommunityPolicyParams,
        body: RecordingPolicyBody,
        response: { 200: RecordingPolicyView, 400: ErrorReply, 403: ErrorReply },
      },
    },
    async (request) => {
      const { communityId } = request.params;
      app.assertCommunity(request, communityId);
      const policy: RecordingPolicy = {
        communityId,
        enabled: request.body.enabled,
        ...(request.body.retentionDays ? { retentionDays: request.body.retentionDays } : {}),
        updatedAt: now(),
        updatedBy: request.principal!.sub,
      };
      await o.policies.putPolicy(policy);
      return policyView(communityId, policy, o.defaults);
    },
  );
};
