// The teaching tools' events as the recording keeps them: the room's `logged` (questions,
// timer) and `annotation` events, restamped with the recorder's clock (the media's; the
// room's `now` may be the lesson clock) and cut to what playback needs. A question's answers
// are counted here and kept only as that count, at its close. Pure: `at` is passed in.
import type { LessonLogEvent } from '../../shared/lessonLog';
import type { LessonEvent, QuestionTally } from '../../shared/recording';
import type { PageSnapshot } from '../../shared/signaling/annotation';
import type { AnnotationLogEvent } from '../../shared/signaling/annotationLog';
import { isCorrect, type AnswerValue, type TimerState } from '../../shared/signaling/questions';

interface OpenQuestion {
  choices: number;
  kind: string;
  correct: AnswerValue | undefined;
  /** per classroom (seat), its latest answer: counted at the close, never written */
  answers: Map<string, AnswerValue>;
}

/** How the answers fell (the live board's distribution, without the room's headcount). */
export function tallyOf(q: Omit<OpenQuestion, 'answers'>, answers: AnswerValue[]): QuestionTally {
  const perChoice = Array.from({ length: q.choices }, () => 0);
  let totalCount = 0;
  let correct = 0;
  for (const a of answers) {
    for (const c of a.choices ?? []) if (c < perChoice.length) perChoice[c]! += 1;
    totalCount += a.count ?? 0;
    if (isCorrect(q.correct, a)) correct += 1;
  }
  return {
    answered: answers.length,
    perChoice,
    ...(q.kind === 'count' ? { totalCount } : {}),
    ...(q.correct ? { correct } : {}),
  };
}

export class ToolEvents {
  readonly #questions = new Map<string, OpenQuestion>();
  /** whether the log may hold strokes (this run wrote some, or it continues an earlier log) */
  #drawn: boolean;
  /** whether the log leaves a timer on the screens (undefined: an earlier log's, unknown) */
  #timerShown: boolean | undefined;

  constructor(continues = false) {
    this.#drawn = continues;
    this.#timerShown = continues ? undefined : false;
  }

  /** A `logged` event of the room: the recording's events it makes (often none). */
  logged(e: LessonLogEvent, at: number): LessonEvent[] {
    switch (e.type) {
      case 'question_asked':
        this.#questions.set(e.questionId, {
          choices: e.choices,
          kind: e.kind,
          correct: e.correct,
          answers: new Map(),
        });
        return [
          {
            at,
            type: 'question_asked',
            questionId: e.questionId,
            number: e.number,
            kind: e.kind,
            prompt: e.prompt,
            choices: e.choices,
            ...(e.correct ? { correct: e.correct } : {}),
            ...(e.limitSeconds !== undefined ? { limitSeconds: e.limitSeconds } : {}),
          },
        ];
      case 'answer':
        this.#questions.get(e.questionId)?.answers.set(e.seat, e.answer);
        return [];
      case 'question_closed': {
        const q = this.#questions.get(e.questionId);
        this.#questions.delete(e.questionId);
        // asked before the recording began: its answers were not seen, so no count is made up
        const tally = q ? { tally: tallyOf(q, [...q.answers.values()]) } : {};
        return [{ at, type: 'question_closed', questionId: e.questionId, ...tally }];
      }
      case 'timer_started':
        this.#timerShown = true;
        return [
          {
            at,
            type: 'timer_started',
            mode: e.mode,
            ...(e.durationMs !== undefined ? { durationMs: e.durationMs } : {}),
          },
        ];
      case 'timer_stopped':
        return [{ at, type: 'timer_stopped' }];
      default:
        return [];
    }
  }

  /** A 批注 event of the room, on the recorder's clock (inside and out). */
  annotation(a: AnnotationLogEvent, at: number): LessonEvent[] {
    const stamped = Math.max(0, Math.round(at));
    this.#drawn = true;
    return [{ at, type: 'annotation', annotation: { ...a, at: stamped } }];
  }

  /** What a room shows when the recorder first sees it (its 批注 page, its timer), as events. */
  seedRoom(
    page: PageSnapshot | undefined,
    timer: { timer: TimerState | null; now: number } | undefined,
    at: number,
  ): LessonEvent[] {
    return [...this.seed(page, at), ...this.seedTimer(timer, at)];
  }

  /**
   * The timer a room shows when the recorder first sees it, as the log's own events. A room
   * made again has none: a timer the log left on the screens is cleared. One started before
   * the recording began is written at when it started (`seen.now`: the room's clock, which
   * may not be the recorder's), held if it was stopped.
   */
  seedTimer(
    seen: { timer: TimerState | null; now: number } | undefined,
    at: number,
  ): LessonEvent[] {
    if (!seen) return [];
    const { timer, now } = seen;
    if (!timer) {
      if (this.#timerShown === false) return [];
      this.#timerShown = false;
      return [{ at, type: 'timer_cleared' }];
    }
    this.#timerShown = true;
    const started: LessonEvent = {
      at: at - (now - timer.startedAt),
      type: 'timer_started',
      mode: timer.mode,
      ...(timer.durationMs !== undefined ? { durationMs: timer.durationMs } : {}),
    };
    return timer.stoppedAt === undefined
      ? [started]
      : [started, { at: at - (now - timer.stoppedAt), type: 'timer_stopped' }];
  }

  /**
   * The page a room shows when the recorder first sees it (drawn on before the lesson went
   * live, or before a code room's teacher asked to record; or a room made again, its board
   * new), as the log's own events: that page shown, cleared, and its finished strokes.
   */
  seed(snapshot: PageSnapshot | undefined, at: number): LessonEvent[] {
    if (!snapshot) return [];
    const strokes = snapshot.page.strokes.filter((s) => s.done);
    // A board never drawn on, in a log with no strokes yet: nothing to say. Once the log has
    // strokes, a room made again (a new, empty board) is said too, so they are not shown on.
    if (!this.#drawn && snapshot.pages.length <= 1 && strokes.length === 0) return [];
    const stamped = Math.max(0, Math.round(at));
    const { id: pageId, background } = snapshot.page;
    const board: AnnotationLogEvent[] = [
      { kind: 'annotation.page', at: stamped, pageId, background, action: 'go' },
      { kind: 'annotation.clear', at: stamped, pageId },
      ...strokes.map((s): AnnotationLogEvent => ({
        kind: 'annotation.stroke',
        at: stamped,
        pageId,
        strokeId: s.id,
        tool: s.tool,
        color: s.color,
        width: s.width,
        points: s.points,
      })),
    ];
    return board.flatMap((a) => this.annotation(a, at));
  }
}
