// Quick questions and the shared timer of one live room: the board's and the timer's rules
// (pure, QuestionBoard / SharedTimer) put to work — who may do what, what each screen is
// told through its Connection, and what goes into the lesson's log (`logged`). Knows
// neither socket.io nor mediasoup.
import type {
  AskQuestion,
  AnswerValue,
  QuestionSnapshot,
  Reveal,
  SeatAnswer,
  TimerMode,
  TimerState,
  QuestionView,
} from '../../../shared/signaling/questions';
import { bilingual, messageOf } from '../../../shared/messages';
import type { LiveRoom } from '../LiveRoom';
import type { Participant } from '../Participant';
import type { LivePorts } from '../ports';
import { RoomError } from '../RoomError';
import { distribution, QuestionBoard, viewOf, type Question } from './QuestionBoard';
import { SharedTimer } from './SharedTimer';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * The classroom a participant answers for: its classroom in a scheduled lesson, else its
 * device or login, else (a code room) its name — the same after it reconnects.
 */
export function seatOf(p: {
  principal?: { classroomId?: string } | undefined;
  identity?: string | undefined;
  displayName: string;
}): string {
  return p.principal?.classroomId ?? p.identity ?? `name:${p.displayName}`;
}

function forbid(
  code: 'question_teacher_only' | 'question_classroom_only' | 'timer_teacher_only',
): never {
  throw new RoomError('forbidden', bilingual(messageOf(code)!));
}

export class RoomQuestions<P extends LivePorts = LivePorts> {
  readonly #room: LiveRoom<P>;
  readonly #now: () => number;
  readonly #timers: Timers;
  readonly board = new QuestionBoard();
  readonly timer = new SharedTimer();
  #expiry: unknown;

  constructor(room: LiveRoom<P>, now: () => number, timers: Timers = realTimers) {
    this.#room = room;
    this.#now = now;
    this.#timers = timers;
    room.once('close', () => this.#clearExpiry());
  }

  /** Classrooms in the room now (each seat once): who may answer. */
  get classrooms(): number {
    const seats = new Set<string>();
    for (const p of this.#room.participants.values())
      if (p.role === 'classroom') seats.add(seatOf(p));
    return seats.size;
  }

  #all(send: (p: Participant<P>) => void): void {
    for (const p of this.#room.participants.values()) send(p);
  }

  /** The teacher and the unseen 巡课 see answers arrive. */
  #watchers(send: (p: Participant<P>) => void): void {
    for (const p of this.#room.participants.values()) {
      if (p.role === 'teacher' || p.role === 'observer') send(p);
    }
  }

  ask(by: Participant<P>, spec: AskQuestion): QuestionView {
    if (by.role !== 'teacher') forbid('question_teacher_only');
    const now = this.#now();
    const { question, closed } = this.board.ask(spec, by, now);
    if (closed) this.#closed(closed, now);
    const view = viewOf(question, now);
    this.#all((p) => p.connection.send('questionAsked', view));
    this.#room.emit('logged', {
      at: now,
      type: 'question_asked',
      questionId: question.id,
      number: question.number,
      kind: spec.kind,
      prompt: spec.prompt,
      choices: question.choices,
      ...(spec.correct ? { correct: spec.correct } : {}),
      ...(spec.limitSeconds !== undefined ? { limitSeconds: spec.limitSeconds } : {}),
      ...(spec.picture ? { picture: spec.picture } : {}),
      peerId: by.peerId,
      displayName: by.displayName,
    });
    this.#scheduleExpiry();
    return view;
  }

  answer(by: Participant<P>, questionId: string, value: AnswerValue): SeatAnswer {
    if (by.role !== 'classroom') forbid('question_classroom_only');
    const now = this.#now();
    const seat = seatOf(by);
    const answer = this.board.answer(questionId, { seat, displayName: by.displayName }, value, now);
    const q = this.board.get(questionId)!;
    const dist = distribution(q, this.classrooms);
    this.#watchers((p) => p.connection.send('answerReceived', { answer, distribution: dist }));
    this.#room.emit('logged', {
      at: now,
      type: 'answer',
      questionId,
      seat,
      peerId: by.peerId,
      displayName: by.displayName,
      answer: value,
    });
    return answer;
  }

  close(by: Participant<P>, questionId: string): void {
    if (by.role !== 'teacher') forbid('question_teacher_only');
    const now = this.#now();
    if (this.board.close(questionId, now)) this.#closed(this.board.get(questionId)!, now);
  }

  reveal(by: Participant<P>, questionId: string): Reveal {
    if (by.role !== 'teacher') forbid('question_teacher_only');
    const now = this.#now();
    const wasOpen = this.board.get(questionId)?.closedAt === undefined;
    const reveal = this.board.reveal(questionId, now, this.classrooms);
    const q = this.board.get(questionId)!;
    if (wasOpen) this.#closed(q, now);
    this.#all((p) => p.connection.send('questionRevealed', reveal));
    this.#room.emit('logged', { at: now, type: 'question_revealed', questionId });
    return reveal;
  }

  /** What a screen needs after a join or a resume: the latest question, its own answer, the timer. */
  snapshot(p: Participant<P>): QuestionSnapshot {
    const now = this.#now();
    this.#expire(now);
    const q = this.board.latest;
    const watcher = p.role === 'teacher' || p.role === 'observer';
    const mine = q && p.role === 'classroom' ? q.answers.get(seatOf(p))?.answer : undefined;
    return {
      question: q ? viewOf(q, now) : null,
      ...(mine ? { mine } : {}),
      ...(q && watcher
        ? { answers: [...q.answers.values()], distribution: distribution(q, this.classrooms) }
        : {}),
      ...(q?.revealed ? { reveal: this.board.revealOf(q, this.classrooms) } : {}),
      timer: this.timer.state,
      now,
    };
  }

  startTimer(by: Participant<P>, mode: TimerMode, durationSeconds?: number): TimerState {
    if (by.role !== 'teacher') forbid('timer_teacher_only');
    const now = this.#now();
    const state = this.timer.start(
      mode,
      durationSeconds !== undefined ? durationSeconds * 1000 : undefined,
      now,
    );
    this.#all((p) => p.connection.send('timer', { timer: state }));
    this.#room.emit('logged', {
      at: now,
      type: 'timer_started',
      mode,
      ...(state.durationMs !== undefined ? { durationMs: state.durationMs } : {}),
    });
    return state;
  }

  stopTimer(by: Participant<P>): void {
    if (by.role !== 'teacher') forbid('timer_teacher_only');
    const now = this.#now();
    if (!this.timer.stop(now)) return;
    this.#all((p) => p.connection.send('timer', { timer: this.timer.state }));
    this.#room.emit('logged', { at: now, type: 'timer_stopped' });
  }

  #closed(q: Question, now: number): void {
    const at = q.closedAt ?? now;
    this.#all((p) => p.connection.send('questionClosed', { questionId: q.id, closedAt: at }));
    this.#room.emit('logged', { at, type: 'question_closed', questionId: q.id });
  }

  /** A question whose time ran out is closed at its limit, and every screen is told. */
  #expire(now: number): void {
    for (const q of this.board.expired(now)) {
      q.closedAt = q.closesAt;
      this.#closed(q, now);
    }
  }

  #scheduleExpiry(): void {
    this.#clearExpiry();
    const next = this.board.latest?.closesAt;
    if (next === undefined || this.#room.closed) return;
    this.#expiry = this.#timers.set(
      () => {
        this.#expiry = undefined;
        this.#expire(Math.max(this.#now(), next));
      },
      Math.max(0, next - this.#now()),
    );
  }

  #clearExpiry(): void {
    if (this.#expiry !== undefined) this.#timers.clear(this.#expiry);
    this.#expiry = undefined;
  }
}

const perRoom = new WeakMap<object, RoomQuestions<LivePorts>>();

/** The room's questions and timer, made on first use; they live and go with the room. */
export function questionsOf<P extends LivePorts>(
  room: LiveRoom<P>,
  now: () => number,
): RoomQuestions<P> {
  let found = perRoom.get(room) as RoomQuestions<P> | undefined;
  if (!found) {
    found = new RoomQuestions(room, now);
    perRoom.set(room, found as unknown as RoomQuestions<LivePorts>);
  }
  return found;
}

/** The timer a room shows now (none until its questions were first used). */
export function shownTimer(room: object): TimerState | null {
  return perRoom.get(room)?.timer.state ?? null;
}
