// The room's one shared timer, pure: a countdown (练习 3 分钟) or a stopwatch, on the
// server's clock. Screens compute what they show from this and the server's time, never
// from their own clock, so every projector agrees whatever its PC's clock says.
import type { TimerMode, TimerState } from '../../../shared/signaling/questions';
import { bilingual, messageOf } from '../../../shared/messages';
import { RoomError } from '../RoomError';

export class SharedTimer {
  #state: TimerState | null = null;

  get state(): TimerState | null {
    return this.#state;
  }

  /** Starts it afresh (a running one is replaced). */
  start(mode: TimerMode, durationMs: number | undefined, now: number): TimerState {
    if (mode === 'countdown' && durationMs === undefined) {
      throw new RoomError(
        'invalid_payload',
        bilingual(messageOf('timer_needs_duration')!),
        '/durationSeconds',
      );
    }
    this.#state =
      mode === 'countdown'
        ? { mode, startedAt: now, durationMs: durationMs! }
        : { mode, startedAt: now };
    return this.#state;
  }

  /** Stops it where it is; false if none runs. */
  stop(now: number): boolean {
    if (!this.#state || this.#state.stoppedAt !== undefined) return false;
    this.#state = { ...this.#state, stoppedAt: now };
    return true;
  }
}
