// Runs every lesson of the published timetable through its states on time: reads the
// occurrences ahead, creates their records, fires each transition when due, persists it
// (compare-and-set, so two nodes never both fire it) and only then emits it.
import { EventEmitter } from 'node:events';
import type { Principal } from '../../shared/auth';
import type {
  LessonRecord,
  LessonState,
  LessonTransition,
  TransitionCause,
} from '../../shared/lessons';
import type { OccurrenceSource, ScheduledOccurrence } from '../../shared/timetable/occurrence';
import type { LessonQuery, LessonRepository } from '../store/lessons/LessonRepository';
import type { Clock } from './clock';
import type { LifecycleSettings } from './settings';
import {
  checkCloseResearch,
  checkEnd,
  checkExtend,
  checkStart,
  mayControl,
  type ActionDecision,
  type ActionRefusal,
} from './teacherActions';
import {
  applyTransition,
  dueClockTransition,
  newLessonRecord,
  nextClockTransition,
  startOf,
} from './transitions';

export interface LessonTransitionEvent extends LessonTransition {
  occurrence: ScheduledOccurrence;
  /** the record after the transition */
  record: LessonRecord;
  /**
   * Made by another node (several nodes on one Redis): what lives on this node (its live
   * rooms) acts on it; what is cluster-wide was done where it was made.
   */
  remote?: true;
}

export interface LessonLifecycleEvents {
  /** A persisted state change (clock or person). */
  transition: [LessonTransitionEvent];
  /** At start(): a lesson that was open or live when the server stopped, still running. */
  resumed: [LessonRecord];
}

export interface LifecycleLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface LessonLifecycleOptions {
  source: OccurrenceSource;
  repo: LessonRepository;
  clock: Clock;
  settings: LifecycleSettings;
  /** how far ahead lessons are read into records; default 1 h */
  lookaheadMs?: number;
  /** how far back a lesson missed while the server was down is still run; default 6 h */
  lookbackMs?: number;
  /** the timetable is re-read at least this often (republished changes); default 60 s */
  refreshMs?: number;
  log?: LifecycleLog;
}

export class LessonActionError extends Error {
  override name = 'LessonActionError';
  constructor(
    readonly reason: ActionRefusal | 'not_found' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

export class LessonLifecycle extends EventEmitter<LessonLifecycleEvents> {
  readonly settings: LifecycleSettings;
  readonly #o: Required<Omit<LessonLifecycleOptions, 'log'>> & { log?: LifecycleLog };
  #queue: Promise<unknown> = Promise.resolve();
  #cancelTimer: (() => void) | undefined;
  #started = false;
  #closed = false;

  constructor(options: LessonLifecycleOptions) {
    super();
    this.settings = options.settings;
    this.#o = {
      lookaheadMs: 60 * 60_000,
      lookbackMs: 6 * 60 * 60_000,
      refreshMs: 60_000,
      ...options,
    };
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** First reconcile, then timers; emits `resumed` for lessons still open or live. */
  async start(): Promise<void> {
    if (this.#started || this.#closed) return;
    this.#started = true;
    const running = await this.#o.repo.listActive();
    for (const r of running) if (r.state === 'open' || r.state === 'live') this.emit('resumed', r);
    await this.reconcile();
  }

  /** Idempotent: stops the timers; records stay as they are for the next start. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
  }

  /** Resolves when every queued reconcile and action has finished. */
  async idle(): Promise<void> {
    let last: Promise<unknown>;
    do {
      last = this.#queue;
      await last.catch(() => undefined);
    } while (last !== this.#queue);
  }

  get(occurrenceId: string): Promise<LessonRecord | undefined> {
    return this.#o.repo.get(occurrenceId);
  }

  list(query: LessonQuery): Promise<LessonRecord[]> {
    return this.#o.repo.list(query);
  }

  /** Lessons currently in one of `states` (default open and live). */
  async current(states: readonly LessonState[] = ['open', 'live']): Promise<LessonRecord[]> {
    return (await this.#o.repo.listActive()).filter((r) => states.includes(r.state));
  }

  /** Reads the timetable and fires every due transition; then sets the next timer. */
  reconcile(): Promise<void> {
    return this.#serial(async () => {
      if (this.#closed) return;
      try {
        await this.#reconcileNow();
      } catch (error) {
        this.#o.log?.error({ err: error }, 'lesson clock: reconcile failed, retrying');
      }
      await this.#scheduleNext();
    });
  }

  /** The teacher (or a coordinator) starts the lesson, up to maxEarlyStart before start. */
  startLesson(occurrenceId: string, by: Principal): Promise<LessonRecord> {
    return this.#act(
      occurrenceId,
      by,
      (r, now) => checkStart(r, now, this.settings),
      (r, now) => this.#commit(r, 'live', now, 'teacher_start', by.sub),
    );
  }

  endLesson(occurrenceId: string, by: Principal): Promise<LessonRecord> {
    return this.#act(
      occurrenceId,
      by,
      (r) => checkEnd(r),
      async (r, now) => {
        const ended = await this.#commit(r, 'ended', now, 'teacher_end', by.sub);
        return this.#commit(ended, 'research', now, 'clock');
      },
    );
  }

  /** Runs over: the clock ends the lesson at `until` (≤ end + maxLateEnd) instead. */
  extendLesson(occurrenceId: string, until: number, by: Principal): Promise<LessonRecord> {
    return this.#act(
      occurrenceId,
      by,
      (r, now) => checkExtend(r, until, now, this.settings),
      async (r) => {
        const next = { ...r, endAt: until };
        if (!(await this.#o.repo.replace(next, r))) throw conflict(occurrenceId);
        return next;
      },
    );
  }

  closeResearch(occurrenceId: string, by: Principal): Promise<LessonRecord> {
    return this.#act(
      occurrenceId,
      by,
      (r) => checkCloseResearch(r),
      (r, now) => this.#commit(r, 'archived', now, 'research_closed', by.sub),
    );
  }

  #serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(job, job);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #act(
    occurrenceId: string,
    by: Principal,
    check: (r: LessonRecord, now: number) => ActionDecision,
    apply: (r: LessonRecord, now: number) => Promise<LessonRecord>,
  ): Promise<LessonRecord> {
    return this.#serial(async () => {
      const r = await this.#o.repo.get(occurrenceId);
      if (!r) throw new LessonActionError('not_found', `no lesson ${occurrenceId}`);
      const now = this.#o.clock.now();
      for (const decision of [mayControl(by, r), check(r, now)]) {
        if (!decision.ok) throw new LessonActionError(decision.reason, decision.reason);
      }
      const result = await apply(r, now);
      await this.#scheduleNext();
      return result;
    });
  }

  /**
   * A transition another node made and told us of: emitted here too, with the stored
   * record, once the store shows it (the record is shared).
   */
  async observe(transition: LessonTransition): Promise<void> {
    const record = await this.#o.repo.get(transition.occurrenceId);
    const made = record?.transitions.some(
      (t) => t.at === transition.at && t.from === transition.from && t.to === transition.to,
    );
    if (!record || !made) return;
    this.emit('transition', {
      ...transition,
      occurrence: record.occurrence,
      record,
      remote: true,
    });
  }

  async #commit(
    r: LessonRecord,
    to: LessonState,
    at: number,
    cause: TransitionCause,
    by?: string,
  ): Promise<LessonRecord> {
    const next = applyTransition(r, to, at, cause, this.settings, by);
    if (!(await this.#o.repo.replace(next, r))) throw conflict(r.occurrence.occurrenceId);
    const transition = next.transitions.at(-1)!;
    this.emit('transition', { ...transition, occurrence: next.occurrence, record: next });
    return next;
  }

  async #reconcileNow(): Promise<void> {
    const now = this.#o.clock.now();
    const from = now - this.#o.lookbackMs;
    const to = now + this.#o.lookaheadMs + this.settings.openLeadMs;
    const occurrences = await this.#o.source.occurrencesBetween(from, to);
    const seen = new Set(occurrences.map((o) => o.occurrenceId));
    const active = new Map(
      (await this.#o.repo.listActive()).map((r) => [r.occurrence.occurrenceId, r]),
    );

    for (const occurrence of occurrences) {
      let r = active.get(occurrence.occurrenceId);
      if (!r) {
        r = await this.#o.repo.create(newLessonRecord(occurrence));
        if (r.state === 'archived') continue;
      } else if (
        (r.state === 'scheduled' || r.state === 'open') &&
        r.occurrence.version !== occurrence.version
      ) {
        // Republished before it began: take the new times, teacher and classrooms.
        const updated = { ...r, occurrence };
        if (await this.#o.repo.replace(updated, r)) r = updated;
      }
      active.set(occurrence.occurrenceId, r);
    }

    for (let r of active.values()) {
      const id = r.occurrence.occurrenceId;
      const start = startOf(r.occurrence);
      const missing = !seen.has(id) && start >= from && start < to;
      if (missing && (r.state === 'scheduled' || r.state === 'open')) {
        await this.#tryCommit(r, 'archived', now, 'cancelled');
        continue;
      }
      for (let due = dueClockTransition(r, now, this.settings); due;) {
        const next = await this.#tryCommit(r, due.to, now, due.cause);
        if (!next) break;
        r = next;
        due = dueClockTransition(r, now, this.settings);
      }
    }
  }

  /** A clock transition another node may have made first: then it is simply not ours. */
  async #tryCommit(
    r: LessonRecord,
    to: LessonState,
    at: number,
    cause: TransitionCause,
  ): Promise<LessonRecord | undefined> {
    try {
      return await this.#commit(r, to, at, cause);
    } catch (error) {
      if (error instanceof LessonActionError && error.reason === 'conflict') return undefined;
      throw error;
    }
  }

  async #scheduleNext(): Promise<void> {
    if (this.#closed) return;
    const now = this.#o.clock.now();
    let wake = now + this.#o.refreshMs;
    for (const r of await this.#o.repo.listActive()) {
      const next = nextClockTransition(r, this.settings);
      // A transition still due here failed to commit: retry soon, not in a tight loop.
      if (next && next.at < wake) wake = next.at > now ? next.at : now + 1_000;
    }
    this.#cancelTimer?.();
    this.#cancelTimer = this.#o.clock.setTimer(wake, () => this.reconcile());
  }
}

function conflict(occurrenceId: string): LessonActionError {
  return new LessonActionError('conflict', `lesson ${occurrenceId} changed meanwhile; retry`);
}
