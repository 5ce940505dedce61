// The shared timer as the projectors showed it at a moment of a recording: rebuilt from the
// log's `timer_started` / `timer_stopped` / `timer_cleared`, its face (digits, the word beside them) by the
// same rules as the live screens', its value from the recorded times and the moment, never
// from the wall clock. Once stopped, the projectors held the value it had then. Shared by
// the live screens (client/lib/toolViews.ts), playback and the export's burn-in. Pure.
import type { LessonEvent } from './recording';
import { timerValueAt, type TimerState } from './signaling/questions';

/** 03:00, 1:02:03 */
export function clockText(ms: number, countdown: boolean): string {
  const total = countdown ? Math.ceil(ms / 1000) : Math.floor(ms / 1000);
  const [hh, mm, ss] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return hh > 0 ? `${hh}:${two(mm)}:${two(ss)}` : `${two(mm)}:${two(ss)}`;
}

/** What a timer's face shows at a moment: its digits, the word beside them, its state. */
export interface TimerFace {
  /** the value drawn, ms: left of a countdown, run of a stopwatch */
  ms: number;
  digits: string;
  label: string;
  /** a countdown at zero */
  done: boolean;
  /** stopped by the teacher: the screens hold the value it had then */
  stopped: boolean;
}

/** The face of `timer` at `now` on its clock (the server's live, the recording's in playback). */
export function timerFace(timer: TimerState, now: number): TimerFace {
  const ms = timerValueAt(timer, now);
  const countdown = timer.mode === 'countdown';
  return {
    ms,
    digits: clockText(ms, countdown),
    label: countdown ? (ms === 0 ? '时间到' : '倒计时') : '计时',
    done: countdown && ms === 0,
    stopped: timer.stoppedAt !== undefined,
  };
}

export type TimerEvent = Extract<
  LessonEvent,
  { type: 'timer_started' | 'timer_stopped' | 'timer_cleared' }
>;

const isTimerEvent = (e: LessonEvent): e is TimerEvent =>
  e.type === 'timer_started' || e.type === 'timer_stopped' || e.type === 'timer_cleared';

/** The log's timer events in the order they happened (picked out once, not per tick). */
export function timerEvents(events: readonly LessonEvent[]): TimerEvent[] {
  return events
    .filter(isTimerEvent)
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
    } else if (e.type === 'timer_cleared') {
      timer = null;
    } else if (timer && timer.stoppedAt === undefined) {
      const running: TimerState = timer;
      timer = { ...running, stoppedAt: e.at };
    }
  }
  return timer;
}

/** What the timer showed at `ms`: its face, or null when there was none. */
export function timerShownAt(ordered: readonly TimerEvent[], ms: number): TimerFace | null {
  const timer = timerAt(ordered, ms);
  return timer ? timerFace(timer, ms) : null;
}

/**
 * The moments in [fromMs, toMs) where what the timer shows may change: its events, and
 * each whole second of a running timer's value (a countdown's counted back from its end,
 * as its digits round up). Between two of them the face is the same.
 */
export function timerChanges(
  ordered: readonly TimerEvent[],
  fromMs: number,
  toMs: number,
): number[] {
  const at = new Set<number>([fromMs]);
  ordered.forEach((e, i) => {
    if (e.at >= fromMs && e.at < toMs) at.add(e.at);
    if (e.type !== 'timer_started') return;
    const until = Math.min(toMs, ordered[i + 1]?.at ?? toMs);
    const step = (t: number) => t > e.at && t >= fromMs && t < until && at.add(t);
    if (e.mode === 'countdown') {
      const end = e.at + (e.durationMs ?? 0);
      for (let t = end; t > e.at; t -= 1000) step(t);
    } else {
      for (let t = e.at + 1000; t < until; t += 1000) step(t);
    }
  });
  return [...at].sort((a, b) => a - b);
}
