// Quick questions (答题 / 随堂测), the shared timer and the server's clock on /live: the
// requests (name → payload schema → reply) and the server → client messages, one schema
// each. A classroom answers for the room (its 辅导教师 at the projector), never a student.
import { Type, type Static } from '@sinclair/typebox';

const Id = Type.String({ minLength: 1, maxLength: 128 });

/** 单选 / 多选 / 判断 / 答对人数 (a count the 辅导教师 types) */
export const QuestionKind = Type.Union([
  Type.Literal('single'),
  Type.Literal('multiple'),
  Type.Literal('truefalse'),
  Type.Literal('count'),
]);
export type QuestionKind = Static<typeof QuestionKind>;

/** Choices a single or multiple choice question offers at most (A–H). */
export const MAX_CHOICES = 8;
/** The most students a classroom may say got it right. */
export const MAX_COUNT = 500;
/** A frame of the courseware as a JPEG data URL; kept under the socket's 256 KB buffer. */
export const MAX_PICTURE_CHARS = 200_000;

/**
 * One answer, and the right answer, in one shape: the chosen indexes (a true/false
 * question has two: 0 = 对, 1 = 错) or, for a count question, the count.
 */
export const AnswerValue = Type.Object({
  choices: Type.Optional(
    Type.Array(Type.Integer({ minimum: 0, maximum: MAX_CHOICES - 1 }), {
      minItems: 1,
      maxItems: MAX_CHOICES,
    }),
  ),
  count: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_COUNT })),
});
export type AnswerValue = Static<typeof AnswerValue>;

export const AskQuestion = Type.Object({
  kind: QuestionKind,
  /** what the teacher asks, as she says it ("第 3 题：哪个是质数？"); may be empty */
  prompt: Type.String({ maxLength: 200 }),
  /** how many choices (single, multiple); true/false has 2, a count none */
  choices: Type.Optional(Type.Integer({ minimum: 2, maximum: MAX_CHOICES })),
  /** the right answer, revealed only when she says so */
  correct: Type.Optional(AnswerValue),
  /** a still of the shared courseware, `data:image/jpeg;base64,…` */
  picture: Type.Optional(
    Type.String({ maxLength: MAX_PICTURE_CHARS, pattern: '^data:image/(jpeg|png|webp);base64,' }),
  ),
  /** the question closes by itself after this long */
  limitSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 3600 })),
});
export type AskQuestion = Static<typeof AskQuestion>;

export const TimerMode = Type.Union([Type.Literal('countdown'), Type.Literal('stopwatch')]);
export type TimerMode = Static<typeof TimerMode>;

export const questionRequests = {
  askQuestion: AskQuestion,
  answerQuestion: Type.Object({ questionId: Id, answer: AnswerValue }),
  closeQuestion: Type.Object({ questionId: Id }),
  /** shows the right answer and the distribution on every projector (closes it first) */
  revealQuestion: Type.Object({ questionId: Id }),
  /** the open question, this participant's answer, the timer: after a join or a resume */
  questionState: Type.Object({}),
  startTimer: Type.Object({
    mode: TimerMode,
    /** a countdown's length (练习 3 分钟 = 180) */
    durationSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 6 * 3600 })),
  }),
  stopTimer: Type.Object({}),
  /** the server's clock, for an NTP-style offset from the round trip */
  time: Type.Object({}),
} as const;

/** What every screen is shown of a question (the right answer only once revealed). */
export const QuestionView = Type.Object({
  questionId: Id,
  /** 第 n 题 of this lesson */
  number: Type.Integer({ minimum: 1 }),
  kind: QuestionKind,
  prompt: Type.String({ maxLength: 200 }),
  choices: Type.Integer({ minimum: 0, maximum: MAX_CHOICES }),
  picture: Type.Optional(Type.String({ maxLength: MAX_PICTURE_CHARS })),
  askedAt: Type.Number(),
  /** when it closes by itself (server clock) */
  closesAt: Type.Optional(Type.Number()),
  state: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('revealed')]),
});
export type QuestionView = Static<typeof QuestionView>;

/** How the answers fall: per choice (how many classrooms chose it), or the counts summed. */
export const Distribution = Type.Object({
  /** classrooms that answered */
  answered: Type.Integer({ minimum: 0 }),
  /** classrooms in the room that may answer */
  classrooms: Type.Integer({ minimum: 0 }),
  /** per choice index: classrooms that chose it */
  perChoice: Type.Array(Type.Integer({ minimum: 0 }), { maxItems: MAX_CHOICES }),
  /** a count question: the counts added up */
  totalCount: Type.Optional(Type.Integer({ minimum: 0 })),
  /** classrooms whose answer is the right one (when there is one) */
  correct: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type Distribution = Static<typeof Distribution>;

/** One classroom's answer, as the teacher sees it arrive. */
export const SeatAnswer = Type.Object({
  questionId: Id,
  /** the classroom (its id in a scheduled lesson), stable across reconnects */
  seat: Id,
  displayName: Type.String({ maxLength: 256 }),
  answer: AnswerValue,
  at: Type.Number(),
  /** whether it is the right answer (absent: the question has none) */
  correct: Type.Optional(Type.Boolean()),
});
export type SeatAnswer = Static<typeof SeatAnswer>;

export const Reveal = Type.Object({
  questionId: Id,
  correct: Type.Optional(AnswerValue),
  distribution: Distribution,
});
export type Reveal = Static<typeof Reveal>;

/** The shared timer on the server's clock: every screen computes from it, not its own. */
export const TimerState = Type.Object({
  mode: TimerMode,
  startedAt: Type.Number(),
  durationMs: Type.Optional(Type.Number({ minimum: 0 })),
  /** stopped: the screens hold the value it had then */
  stoppedAt: Type.Optional(Type.Number()),
});
export type TimerState = Static<typeof TimerState>;

export const QuestionSnapshot = Type.Object({
  /** the latest question of the lesson (open, closed or revealed), if any */
  question: Type.Union([QuestionView, Type.Null()]),
  /** this classroom's own answer to it */
  mine: Type.Optional(AnswerValue),
  /** the teacher's view: every classroom's answer so far, and how they fall */
  answers: Type.Optional(Type.Array(SeatAnswer, { maxItems: 1000 })),
  distribution: Type.Optional(Distribution),
  reveal: Type.Optional(Reveal),
  timer: Type.Union([TimerState, Type.Null()]),
  now: Type.Number(),
});
export type QuestionSnapshot = Static<typeof QuestionSnapshot>;

export interface QuestionReplies {
  askQuestion: QuestionView;
  answerQuestion: SeatAnswer;
  closeQuestion: Record<string, never>;
  revealQuestion: Reveal;
  questionState: QuestionSnapshot;
  startTimer: TimerState;
  stopTimer: Record<string, never>;
  time: { now: number };
}

/** Server → client messages of these tools, checked by the client on arrival. */
export const questionServerMessages = {
  questionAsked: QuestionView,
  questionClosed: Type.Object({ questionId: Id, closedAt: Type.Number() }),
  questionRevealed: Reveal,
  /** to the teacher (and 巡课): a classroom answered; how the answers fall now */
  answerReceived: Type.Object({ answer: SeatAnswer, distribution: Distribution }),
  timer: Type.Object({ timer: Type.Union([TimerState, Type.Null()]) }),
} as const;

export type QuestionServerEvents = {
  [E in keyof typeof questionServerMessages]: (
    payload: Static<(typeof questionServerMessages)[E]>,
  ) => void;
};

/** A, B, C… for choice indexes; 对 / 错 for true/false. */
export function choiceLabel(kind: QuestionKind, index: number): string {
  if (kind === 'truefalse') return index === 0 ? '对' : '错';
  return String.fromCharCode(65 + index);
}

/** An answer as people read it: "A C", "对", "23 人". */
export function answerText(kind: QuestionKind, answer: AnswerValue): string {
  if (kind === 'count') return answer.count === undefined ? '' : `${answer.count} 人`;
  return (answer.choices ?? []).map((i) => choiceLabel(kind, i)).join(' ');
}

/** Whether an answer is the right one: the same choices (in any order), or the same count. */
export function isCorrect(
  correct: AnswerValue | undefined,
  answer: AnswerValue,
): boolean | undefined {
  if (!correct) return undefined;
  if (correct.count !== undefined) return answer.count === correct.count;
  const want = new Set(correct.choices ?? []);
  const got = new Set(answer.choices ?? []);
  return want.size === got.size && [...want].every((c) => got.has(c));
}

/** A timer's value at `now` (server clock): ms left of a countdown (≥ 0), or ms run of a stopwatch. */
export function timerValueAt(state: TimerState, now: number): number {
  const t = Math.max(0, (state.stoppedAt ?? now) - state.startedAt);
  return state.mode === 'countdown' ? Math.max(0, (state.durationMs ?? 0) - t) : t;
}
