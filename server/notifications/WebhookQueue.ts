// The background queue of webhook deliveries: a change's request has long been answered
// when its deliveries go out. Each delivery is stored before its first attempt and after
// every attempt (the delivery log), is signed anew per attempt (a fresh timestamp), and is
// retried on a timer by the backoff schedule until a 2xx or the schedule is used up. After
// a restart, deliveries still pending are resumed.
import type { Delivery, Notice } from '../../shared/notifications';
import {
  deliveryHeader,
  noticeText,
  signatureHeader,
  timestampHeader,
  type WebhookPayload,
} from '../../shared/notifications';
import type { NotificationRepository } from '../store/notifications/NotificationRepository';
import { newId } from '../timetable/TimetableDirectory';
import { defaultBackoffMs, nextAttemptAt } from './backoff';
import { sign } from './signing';

export interface WebhookQueueOptions {
  repo: NotificationRepository;
  now: () => number;
  /** waits between attempts; its length is the number of retries */
  backoffMs?: readonly number[];
  /** one attempt's time limit */
  timeoutMs?: number;
  log: { warn(obj: object, msg: string): void };
}

export class WebhookQueue {
  readonly #o: Required<WebhookQueueOptions>;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  #closed = false;

  constructor(options: WebhookQueueOptions) {
    this.#o = { backoffMs: defaultBackoffMs, timeoutMs: 10_000, ...options };
  }

  /** One delivery per notice and webhook of its community, stored, then sent soon. */
  async enqueue(notices: readonly Notice[]): Promise<void> {
    for (const communityId of new Set(notices.map((n) => n.communityId))) {
      const hooks = await this.#o.repo.webhooksOf(communityId);
      for (const n of notices.filter((x) => x.communityId === communityId)) {
        for (const hook of hooks) {
          const id = newId('dlv');
          const payload: WebhookPayload = {
            id,
            type: n.kind,
            communityId,
            audience: n.audience,
            at: n.at,
            text: noticeText(n),
            params: n.params,
            ...(n.occurrenceId ? { occurrenceId: n.occurrenceId } : {}),
            ...(n.seriesId ? { seriesId: n.seriesId } : {}),
          };
          const now = this.#o.now();
          const delivery: Delivery = {
            id,
            webhookId: hook.id,
            noticeId: n.id,
            kind: n.kind,
            body: JSON.stringify(payload),
            status: 'pending',
            attempts: 0,
            createdAt: now,
            nextAttemptAt: now,
          };
          await this.#o.repo.putDelivery(delivery);
          this.#schedule(delivery, 0);
        }
      }
    }
  }

  /** Takes up the deliveries a stopped server left pending. */
  async resume(): Promise<void> {
    for (const d of await this.#o.repo.pendingDeliveries()) {
      this.#schedule(d, Math.max(0, (d.nextAttemptAt ?? 0) - this.#o.now()));
    }
  }

  #schedule(d: Delivery, delayMs: number): void {
    if (this.#closed) return;
    clearTimeout(this.#timers.get(d.id));
    const timer = setTimeout(() => {
      this.#timers.delete(d.id);
      void this.#attempt(d).catch((error: Error) =>
        this.#o.log.warn({ delivery: d.id, err: error.message }, 'webhook delivery not recorded'),
      );
    }, delayMs);
    timer.unref();
    this.#timers.set(d.id, timer);
  }

  async #attempt(d: Delivery): Promise<void> {
    const hook = await this.#o.repo.webhook(d.webhookId);
    if (!hook || this.#closed) return; // removed meanwhile: its log went with it
    const timestamp = Math.floor(this.#o.now() / 1000);
    let lastStatus: number | undefined;
    let lastError: string | undefined;
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Tongke-Webhook/1',
          [signatureHeader]: sign(hook.secret, timestamp, d.body),
          [timestampHeader]: String(timestamp),
          [deliveryHeader]: d.id,
        },
        body: d.body,
        // A redirect is not followed: the receiver registered is the one that gets it.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#o.timeoutMs),
      });
      lastStatus = res.status;
      await res.body?.cancel();
      if (!res.ok) lastError = `HTTP ${res.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    const at = this.#o.now();
    const attempts = d.attempts + 1;
    const { nextAttemptAt: _, lastError: __, ...rest } = d;
    const common = { ...rest, attempts, ...(lastStatus !== undefined ? { lastStatus } : {}) };
    if (!lastError) {
      await this.#o.repo.putDelivery({ ...common, status: 'delivered', deliveredAt: at });
      return;
    }
    const next = nextAttemptAt(attempts, at, this.#o.backoffMs);
    const after: Delivery =
      next === undefined
        ? { ...common, status: 'failed', lastError }
        : { ...common, status: 'pending', lastError, nextAttemptAt: next };
    await this.#o.repo.putDelivery(after);
    if (next === undefined) {
      this.#o.log.warn({ delivery: d.id, webhook: d.webhookId, lastError }, 'webhook gave up');
    } else this.#schedule(after, next - at);
  }

  /** Stops the timers; what is pending stays stored for the next start. */
  close(): void {
    this.#closed = true;
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }
}
