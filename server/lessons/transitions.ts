// The lesson state machine as pure functions over a LessonRecord: what the clock does
// next, and what a transition changes. No clock is read here: `now` is always given.
import type {
  LessonRecord,
  LessonState,
  LessonTransition,
  TransitionCause,
} from '../../shared/lessons';
import type { ScheduledOccurrence } from '../../shared/timetable/occurrence';
import type { LifecycleSettings } from './settings';

export interface PlannedTransition {
  to: LessonState;
  at: number;
  cause: TransitionCause;
}

/** Every edge the machine has; anything else is a bug or a stale request. */
const edges: Record<LessonState, readonly LessonState[]> = {
  scheduled: ['open', 'live', 'archived'],
  open: ['live', 'archived'],
  live: ['ended'],
  ended: ['research', 'archived'],
  research: ['archived'],
  archived: [],
};

export function canTransition(from: LessonState, to: LessonState): boolean {
  return edges[from].includes(to);
}

export const startOf = (o: ScheduledOccurrence): number => Date.parse(o.start);

/** The end the clock will end the lesson at: the scheduled end or the teacher's extension. */
export const plannedEndOf = (r: LessonRecord): number => r.endAt ?? Date.parse(r.occurrence.end);

export function lastTransitionAt(r: LessonRecord): number | undefined {
  return r.transitions.at(-1)?.at;
}

export function newLessonRecord(occurrence: ScheduledOccurrence): LessonRecord {
  return { occurrence, state: 'scheduled', transitions: [] };
}

/** The transition the clock will make next, and when; null once archived. */
export function nextClockTransition(
  r: LessonRecord,
  settings: LifecycleSettings,
): PlannedTransition | null {
  const start = startOf(r.occurrence);
  switch (r.state) {
    case 'scheduled':
      return { to: 'open', at: start - settings.openLeadMs, cause: 'clock' };
    case 'open':
      return { to: 'live', at: start, cause: 'clock' };
    case 'live':
      return { to: 'ended', at: plannedEndOf(r), cause: 'clock' };
    case 'ended':
      // The research room opens as soon as the lesson has ended (seed 001: 及时开展).
      return { to: 'research', at: lastTransitionAt(r) ?? plannedEndOf(r), cause: 'clock' };
    case 'research':
      return {
        to: 'archived',
        at: r.researchClosesAt ?? (lastTransitionAt(r) ?? 0) + settings.researchDurationMs,
        cause: 'clock',
      };
    case 'archived':
      return null;
  }
}

/** The clock transition if it is due at `now`, else null. */
export function dueClockTransition(
  r: LessonRecord,
  now: number,
  settings: LifecycleSettings,
): PlannedTransition | null {
  const next = nextClockTransition(r, settings);
  return next && next.at <= now ? next : null;
}

/**
 * The record after one transition, stamped with the time it really happened (`at`: a late
 * server stamps late). Entering research fixes when it closes.
 */
export function applyTransition(
  r: LessonRecord,
  to: LessonState,
  at: number,
  cause: TransitionCause,
  settings: LifecycleSettings,
  by?: string,
): LessonRecord {
  if (!canTransition(r.state, to)) {
    throw new InvalidTransitionError(r.occurrence.occurrenceId, r.state, to);
  }
  const transition: LessonTransition = {
    occurrenceId: r.occurrence.occurrenceId,
    from: r.state,
    to,
    at,
    cause,
    ...(by ? { by } : {}),
  };
  const next: LessonRecord = { ...r, state: to, transitions: [...r.transitions, transition] };
  if (to === 'research') next.researchClosesAt = at + settings.researchDurationMs;
  return next;
}

export class InvalidTransitionError extends Error {
  override name = 'InvalidTransitionError';
  constructor(occurrenceId: string, from: LessonState, to: LessonState) {
    super(`lesson ${occurrenceId} cannot go from ${from} to ${to}`);
  }
}
