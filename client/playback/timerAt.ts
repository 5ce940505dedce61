// The shared timer as the projectors showed it at a moment of the recording: rebuilt from
// the log's `timer_started` / `timer_stopped` and drawn by the live screens' own face
// (client/lib/toolViews.ts), its value from the recorded times and the playback moment,
// never from the wall clock. Once stopped, the projectors held the value it had then.
import type { LessonEvent } from '../../shared/recording';
import type { TimerState } from '../../shared/signaling/questions';
import { timerFace, type TimerFace } from '../lib/toolViews';

export type TimerEvent = Extract<LessonEvent, { type: 'timer_started' | 'timer_stopped' }>;

/** The log's timer events in the order they happened (picked out once, not per tick). */
export function timerEvents(events: readonly LessonEvent[]): TimerEvent[] {
  return events
    .filter((e): e is TimerEvent => e.type === 'timer_started' || e.type === 'timer_stopped')
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map(({ e }) => e);
}

/** The timer the projectors had at `ms` (the events' clock): null before the first start. */
export function timerAt(ordered: readonly TimerEvent[], ms: number): TimerState | null {
  let timer: TimerState | null = null;
  for (const e of ordered) {
    if (e.at > ms) break;
    if (e.type === 'timer_started') {
      // a start replaces a running timer (server/live/questions/SharedTimer.ts)
      timer = {
        mode: e.mode,
        startedAt: e.at,
        ...(e.durationMs !== undefined ? { durationMs: e.durationMs } : {}),
      };
    } else if (timer && timer.stoppedAt === undefined) {
      const running: TimerState = timer;
      timer = { ...running, stoppedAt: e.at };
    }
  }
  return timer;
}

/** What the timer showed at `ms`: its face, or null when there was none. Pure. */
export function timerShownAt(ordered: readonly TimerEvent[], ms: number): TimerFace | null {
  const timer = timerAt(ordered, ms);
  return timer ? timerFace(timer, ms) : null;
}
