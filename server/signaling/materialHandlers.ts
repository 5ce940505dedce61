// /live requests about the material on the projectors (shared/signaling/material.ts): the
// teacher pushes one of the lesson's files to every classroom, or takes it off.
import type { RequestPayload } from '../../shared/signaling/events';
import type { PushedMaterial } from '../../shared/signaling/material';
import { assertMayPush, pushMaterial } from '../live/material/pushedMaterial';
import type { HandlerContext, Session } from './handlers';
import { SignalingError } from './SignalingError';

export function materialHandlers(joined: (ctx: HandlerContext) => Session) {
  return {
    async pushMaterial(
      ctx: HandlerContext,
      p: RequestPayload<'pushMaterial'>,
    ): Promise<{ material: PushedMaterial | null }> {
      const { room, participant } = joined(ctx);
      assertMayPush(room, participant);
      if (p.materialId === null)
        return { material: pushMaterial(room, participant, null, ctx.now()) };
      // Only a scheduled lesson has material; the id must be one of this lesson's.
      const material =
        room.scheduled && ctx.materials ? await ctx.materials(room.id, p.materialId) : undefined;
      if (!material) {
        throw new SignalingError(
          'not_found',
          `no material ${p.materialId} in this lesson`,
          '/materialId',
        );
      }
      return { material: pushMaterial(room, participant, material, ctx.now()) };
    },
  };
}
