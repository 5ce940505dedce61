// /live's requests of quick questions, the shared timer and the server's clock: one small
// function each, translating a request into the room's tools (server/live/questions/),
// which decide, tell the screens and log. Payloads arrive validated (catalogue.ts).
import type { Replies, RequestPayload } from '../../shared/signaling/events';
import type { QuestionReplies } from '../../shared/signaling/questions';
import { questionsOf } from '../live/questions/RoomQuestions';
import type { HandlerContext, Session } from './handlers';
import { SignalingError } from './SignalingError';

type Handler<N extends keyof QuestionReplies> = (
  ctx: HandlerContext,
  payload: RequestPayload<N>,
) => Promise<Replies[N]>;

/** The socket's session, if it is still its participant's place in a live room. */
function joined(ctx: HandlerContext): Session {
  const s = ctx.session;
  const current =
    s && !s.room.closed && s.room.participants.get(s.participant.peerId) === s.participant;
  if (!s || !current || s.participant.connection !== ctx.connection) {
    throw new SignalingError('not_joined', 'join a room first');
  }
  return s;
}

const tools = (ctx: HandlerContext) => {
  const { room, participant } = joined(ctx);
  return { questions: questionsOf(room, ctx.now), participant };
};

const empty = {} as Record<string, never>;

export const questionHandlers: { [N in keyof QuestionReplies]: Handler<N> } = {
  async askQuestion(ctx, p) {
    const { questions, participant } = tools(ctx);
    return questions.ask(participant, p);
  },
  async answerQuestion(ctx, p) {
    const { questions, participant } = tools(ctx);
    return questions.answer(participant, p.questionId, p.answer);
  },
  async closeQuestion(ctx, p) {
    const { questions, participant } = tools(ctx);
    questions.close(participant, p.questionId);
    return empty;
  },
  async revealQuestion(ctx, p) {
    const { questions, participant } = tools(ctx);
    return questions.reveal(participant, p.questionId);
  },
  async questionState(ctx) {
    const { questions, participant } = tools(ctx);
    return questions.snapshot(participant);
  },
  async startTimer(ctx, p) {
    const { questions, participant } = tools(ctx);
    return questions.startTimer(participant, p.mode, p.durationSeconds);
  },
  async stopTimer(ctx) {
    const { questions, participant } = tools(ctx);
    questions.stopTimer(participant);
    return empty;
  },
  // Answered before a join too: a screen sets its clock before it enters.
  async time(ctx) {
    return { now: ctx.now() };
  },
};
