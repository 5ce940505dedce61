// Keeps a joined participant's token fresh: renewed before it runs out and handed over the
// socket, so the client's next join (after a restart, say) still gets in.
import type { TokenRenewal } from '../auth/tokenRenewal';
import type { Log } from '../log';
import type { Participant } from '../live/Participant';

/** setTimeout's ceiling (~24.8 days); a token due later is renewed at a later join. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class TokenWatch {
  readonly #watches = new Map<Participant, NodeJS.Timeout>();
  readonly #renewal: TokenRenewal;
  readonly #now: () => number;
  readonly #log: Log | undefined;

  constructor(renewal: TokenRenewal, now: () => number, log?: Log) {
    this.#renewal = renewal;
    this.#now = now;
    this.#log = log;
  }

  watch(participant: Participant, token: string): void {
    this.stop(participant);
    const due = this.#renewal.dueAt(token);
    if (due === undefined) return;
    const delay = Math.max(0, due - this.#now());
    if (delay > MAX_TIMER_MS) return;
    const timer = setTimeout(() => void this.#renew(participant, token, timer), delay);
    timer.unref();
    this.#watches.set(participant, timer);
  }

  async #renew(participant: Participant, token: string, timer: NodeJS.Timeout): Promise<void> {
    const fresh = await this.#renewal.renew(token).catch((error: unknown) => {
      this.#log?.error({ err: String(error), peerId: participant.peerId }, 'token renewal failed');
      return undefined;
    });
    // Left meanwhile, or watched anew: this renewal is nobody's.
    if (this.#watches.get(participant) !== timer) return;
    this.#watches.delete(participant);
    if (!fresh) return;
    participant.connection.send('tokenRefreshed', {
      token: fresh.token,
      expiresAt: fresh.expiresAt,
    });
    this.watch(participant, fresh.token);
  }

  stop(participant: Participant): void {
    clearTimeout(this.#watches.get(participant));
    this.#watches.delete(participant);
  }

  stopAll(): void {
    for (const timer of this.#watches.values()) clearTimeout(timer);
    this.#watches.clear();
  }
}
