// /live's 批注 requests, one small function each: payloads arrive validated (attach.ts);
// the room's board decides (server/live/annotation/), throwing RoomError to refuse.
import type { AnnotationRequestName } from '../../shared/signaling/annotation';
import type { Replies, RequestPayload } from '../../shared/signaling/events';
import { annotate, boardOf } from '../live/annotation/roomAnnotation';
import type { HandlerContext, Session } from './handlers';
import { SignalingError } from './SignalingError';

type Handler<N extends AnnotationRequestName> = (
  ctx: HandlerContext,
  payload: RequestPayload<N>,
) => Promise<Replies[N]>;

/** As handlers.ts's `joined`: this connection's live session, or not_joined. */
function joined(ctx: HandlerContext): Session {
  const s = ctx.session;
  const current =
    s && !s.room.closed && s.room.participants.get(s.participant.peerId) === s.participant;
  if (!s || !current || s.participant.connection !== ctx.connection) {
    throw new SignalingError('not_joined', 'join a room first');
  }
  return s;
}

const empty = {} as Record<string, never>;

export const annotationHandlers: { [N in AnnotationRequestName]: Handler<N> } = {
  async annotationState(ctx) {
    const { room } = joined(ctx);
    return boardOf(room).snapshot();
  },

  async annotationStroke(ctx, p) {
    const { room, participant } = joined(ctx);
    annotate(room, participant, (board) => board.beginStroke(p, ctx.now()));
    return empty;
  },

  async annotationPoints(ctx, p) {
    const { room, participant } = joined(ctx);
    annotate(room, participant, (board) => board.addPoints(p, ctx.now()));
    return empty;
  },

  async annotationErase(ctx, p) {
    const { room, participant } = joined(ctx);
    const { erased } = annotate(room, participant, (board) => board.erase(p, ctx.now()));
    return { erased };
  },

  async annotationClear(ctx, p) {
    const { room, participant } = joined(ctx);
    annotate(room, participant, (board) => board.clear(p, ctx.now()));
    return empty;
  },

  async annotationNewPage(ctx, p) {
    const { room, participant } = joined(ctx);
    annotate(room, participant, (board) => board.newPage(p.background, ctx.now()));
    return boardOf(room).snapshot();
  },

  async annotationGoToPage(ctx, p) {
    const { room, participant } = joined(ctx);
    annotate(room, participant, (board) => board.goToPage(p.pageId, ctx.now()));
    return boardOf(room).snapshot();
  },
};
