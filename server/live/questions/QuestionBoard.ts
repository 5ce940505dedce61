// The rules of quick questions in one room, pure: `now` is passed in, nothing is sent. One
// question is open at a time (a new one closes the last); each classroom (a seat, stable
// across reconnects) answers once; a refused answer changes nothing.
import { randomUUID } from 'node:crypto';
import {
  isCorrect,
  MAX_CHOICES,
  type AnswerValue,
  type AskQuestion,
  type Distribution,
  type QuestionView,
  type Reveal,
  type SeatAnswer,
} from '../../../shared/signaling/questions';
import { bilingual, messageOf, type MessageParams } from '../../../shared/messages';
import type { ErrorCode } from '../../../shared/signaling/events';
import { RoomError } from '../RoomError';

export interface Question {
  readonly id: string;
  readonly number: number;
  readonly spec: AskQuestion;
  /** how many choices it offers (2 for true/false, 0 for a count) */
  readonly choices: number;
  readonly askedAt: number;
  readonly askedBy: { peerId: string; displayName: string };
  readonly closesAt: number | undefined;
  closedAt: number | undefined;
  revealed: boolean;
  /** by seat, in the order they came */
  readonly answers: Map<string, SeatAnswer>;
}

function refuse(code: ErrorCode, message: string, field: string, p?: MessageParams): never {
  const words = messageOf(message, p);
  throw new RoomError(code, words ? bilingual(words) : message, field);
}

function choicesOf(spec: AskQuestion): number {
  if (spec.kind === 'truefalse') return 2;
  if (spec.kind === 'count') return 0;
  if (spec.choices === undefined) refuse('invalid_payload', 'question_choices_needed', '/choices');
  return spec.choices;
}

/** The value's shape against the question: a choice in range, one for single, a count… */
function checkValue(
  kind: AskQuestion['kind'],
  choices: number,
  value: AnswerValue,
  field: string,
): void {
  if (kind === 'count') {
    if (value.count === undefined)
      refuse('invalid_payload', 'question_needs_count', `${field}/count`);
    return;
  }
  const picked = value.choices ?? [];
  if (picked.length === 0) refuse('invalid_payload', 'question_needs_choice', `${field}/choices`);
  const out = picked.findIndex((c) => c >= choices);
  if (out >= 0) {
    refuse('invalid_payload', 'question_choice_range', `${field}/choices/${out}`, { choices });
  }
  if (kind !== 'multiple' && picked.length > 1) {
    refuse('invalid_payload', 'question_one_choice', `${field}/choices`);
  }
  if (new Set(picked).size !== picked.length) {
    refuse('invalid_payload', 'question_one_choice', `${field}/choices`);
  }
}

export class QuestionBoard {
  readonly #questions = new Map<string, Question>();
  #latest: Question | undefined;

  get latest(): Question | undefined {
    return this.#latest;
  }

  get all(): Question[] {
    return [...this.#questions.values()];
  }

  get(id: string): Question | undefined {
    return this.#questions.get(id);
  }

  /** The question still open at `now` (its time limit not run out). */
  open(now: number): Question | undefined {
    const q = this.#latest;
    return q && this.#isOpen(q, now) ? q : undefined;
  }

  #isOpen(q: Question, now: number): boolean {
    return q.closedAt === undefined && (q.closesAt === undefined || now < q.closesAt);
  }

  /**
   * A new question; the one still open is closed first (returned as `closed`). The right
   * answer, when given, must fit the question as an answer would.
   */
  ask(
    spec: AskQuestion,
    by: { peerId: string; displayName: string },
    now: number,
  ): { question: Question; closed?: Question } {
    const choices = choicesOf(spec);
    if (choices > MAX_CHOICES) refuse('invalid_payload', 'question_choices_needed', '/choices');
    if (spec.correct && spec.kind !== 'count')
      checkValue(spec.kind, choices, spec.correct, '/correct');
    const previous = this.open(now);
    if (previous) previous.closedAt = now;
    const question: Question = {
      id: randomUUID(),
      number: this.#questions.size + 1,
      spec,
      choices,
      askedAt: now,
      askedBy: by,
      closesAt: spec.limitSeconds !== undefined ? now + spec.limitSeconds * 1000 : undefined,
      closedAt: undefined,
      revealed: false,
      answers: new Map(),
    };
    this.#questions.set(question.id, question);
    this.#latest = question;
    return previous ? { question, closed: previous } : { question };
  }

  /** A classroom's answer: refused (nothing changes) if closed, unknown, twice, or out of range. */
  answer(
    questionId: string,
    seat: { seat: string; displayName: string },
    value: AnswerValue,
    now: number,
  ): SeatAnswer {
    const q = this.#questions.get(questionId);
    if (!q) refuse('not_found', 'question_unknown', '/questionId');
    if (!this.#isOpen(q, now)) refuse('forbidden', 'question_closed', '/questionId');
    if (q.answers.has(seat.seat)) refuse('forbidden', 'question_answered', '/questionId');
    checkValue(q.spec.kind, q.choices, value, '/answer');
    const right = isCorrect(q.spec.correct, value);
    const answer: SeatAnswer = {
      questionId,
      seat: seat.seat,
      displayName: seat.displayName,
      answer: value,
      at: now,
      ...(right !== undefined ? { correct: right } : {}),
    };
    q.answers.set(seat.seat, answer);
    return answer;
  }

  /** Closes it; false if it was closed already (by her, or by its time limit, recorded then). */
  close(questionId: string, now: number): boolean {
    const q = this.#questions.get(questionId);
    if (!q) refuse('not_found', 'question_unknown', '/questionId');
    if (q.closedAt !== undefined) return false;
    q.closedAt = q.closesAt !== undefined && q.closesAt < now ? q.closesAt : now;
    return true;
  }

  /** Closes it if open, and shows the right answer and the distribution. */
  reveal(questionId: string, now: number, classrooms: number): Reveal {
    this.close(questionId, now);
    const q = this.#questions.get(questionId)!;
    q.revealed = true;
    return this.revealOf(q, classrooms);
  }

  revealOf(q: Question, classrooms: number): Reveal {
    return {
      questionId: q.id,
      ...(q.spec.correct ? { correct: q.spec.correct } : {}),
      distribution: distribution(q, classrooms),
    };
  }

  /** The questions whose time limit has run out and that are not closed yet. */
  expired(now: number): Question[] {
    return this.all.filter(
      (q) => q.closedAt === undefined && q.closesAt !== undefined && now >= q.closesAt,
    );
  }
}

/** How the answers fall: classrooms per choice, counts summed, how many got it right. */
export function distribution(q: Question, classrooms: number): Distribution {
  const perChoice = Array.from({ length: q.choices }, () => 0);
  let totalCount = 0;
  let correct = 0;
  for (const a of q.answers.values()) {
    for (const c of a.answer.choices ?? []) perChoice[c] = (perChoice[c] ?? 0) + 1;
    totalCount += a.answer.count ?? 0;
    if (a.correct) correct += 1;
  }
  return {
    answered: q.answers.size,
    classrooms: Math.max(classrooms, q.answers.size),
    perChoice,
    ...(q.spec.kind === 'count' ? { totalCount } : {}),
    ...(q.spec.correct ? { correct } : {}),
  };
}

/** What every screen is shown of it; the picture only while it is the latest. */
export function viewOf(q: Question, now: number, withPicture = true): QuestionView {
  const closed = q.closedAt !== undefined || (q.closesAt !== undefined && now >= q.closesAt);
  return {
    questionId: q.id,
    number: q.number,
    kind: q.spec.kind,
    prompt: q.spec.prompt,
    choices: q.choices,
    ...(withPicture && q.spec.picture ? { picture: q.spec.picture } : {}),
    askedAt: q.askedAt,
    ...(q.closesAt !== undefined ? { closesAt: q.closesAt } : {}),
    state: q.revealed ? 'revealed' : closed ? 'closed' : 'open',
  };
}
