// The lesson occurrence's log: every event of its live room, stamped by the server's `now`
// (the clock that stamps the recording's segments, so playback lines them up), kept in the
// store (both backends) and read back by the lesson record and the research room.
//
// A new kind of event (layout changes, annotation pages…) is one more variant in
// `lessonLogVariants` below; the room emits it as `logged` (server/live/LiveRoom.ts) and
// the log keeps it. Readers skip variants they do not know.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { AnnotationLogged, TimerStarted, TimerStopped, roomEventVariants } from './recording';
import { AnswerValue, QuestionKind } from './signaling/questions';

export { AnnotationLogged, TimerStarted, TimerStopped };

const At = Type.Number();
const Str = Type.String({ maxLength: 256 });

export const QuestionAsked = Type.Object({
  at: At,
  type: Type.Literal('question_asked'),
  questionId: Str,
  number: Type.Integer({ minimum: 1 }),
  kind: QuestionKind,
  prompt: Type.String({ maxLength: 200 }),
  choices: Type.Integer({ minimum: 0 }),
  correct: Type.Optional(AnswerValue),
  limitSeconds: Type.Optional(Type.Integer()),
  /** the still of the courseware it was asked over */
  picture: Type.Optional(Type.String()),
  /** who asked */
  peerId: Str,
  displayName: Str,
});

export const QuestionClosed = Type.Object({
  at: At,
  type: Type.Literal('question_closed'),
  questionId: Str,
});

/** the right answer and the distribution were shown on every projector */
export const QuestionRevealed = Type.Object({
  at: At,
  type: Type.Literal('question_revealed'),
  questionId: Str,
});

export const QuestionAnswered = Type.Object({
  at: At,
  type: Type.Literal('answer'),
  questionId: Str,
  /** the classroom (a scheduled lesson's classroom id), the same across its reconnects */
  seat: Str,
  peerId: Str,
  displayName: Str,
  answer: AnswerValue,
});

/** Every kind the log keeps: the room's own kinds, then the teaching tools'. Append here. */
export const lessonLogVariants = [
  ...roomEventVariants,
  QuestionAsked,
  QuestionClosed,
  QuestionRevealed,
  QuestionAnswered,
  TimerStarted,
  TimerStopped,
  AnnotationLogged,
] as const satisfies readonly TSchema[];

export const LessonLogEvent = Type.Union([...lessonLogVariants]);
export type LessonLogEvent = Static<typeof LessonLogEvent>;

/** GET /api/lessons/:occurrenceId/events: the whole log, in order (for replay). */
export const LessonLogReply = Type.Object({ events: Type.Array(LessonLogEvent) });
export type LessonLogReply = Static<typeof LessonLogReply>;

/** One classroom's answer to a question, as the record keeps it. */
export const AnswerRecord = Type.Object({
  seat: Type.String(),
  displayName: Type.String(),
  answer: AnswerValue,
  at: Type.Number(),
  /** absent: the question has no right answer (a count) */
  correct: Type.Optional(Type.Boolean()),
});
export type AnswerRecord = Static<typeof AnswerRecord>;

/** A question of the occurrence as the record shows it: who asked what, who answered what. */
export const QuestionRecord = Type.Object({
  questionId: Type.String(),
  number: Type.Integer(),
  kind: QuestionKind,
  prompt: Type.String(),
  choices: Type.Integer(),
  correct: Type.Optional(AnswerValue),
  askedAt: Type.Number(),
  askedBy: Type.String(),
  closedAt: Type.Optional(Type.Number()),
  revealed: Type.Boolean(),
  hasPicture: Type.Boolean(),
  answers: Type.Array(AnswerRecord),
});
export type QuestionRecord = Static<typeof QuestionRecord>;
