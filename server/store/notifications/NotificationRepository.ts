import type { Delivery, Notice, WebhookInfo } from '../../../shared/notifications';

/** A webhook as stored: its secret signs every delivery and never leaves the server again. */
export interface WebhookRecord extends WebhookInfo {
  secret: string;
}

/**
 * Notices by audience (`teacher:<id>`, `coordinator:<communityId>`, `school:<id>`), what
 * each person has read (by the principal's sub, so two coordinators of one community read
 * their own), webhooks by community, and each webhook's deliveries.
 */
export interface NotificationRepository {
  addNotices(notices: readonly Notice[]): Promise<void>;
  /** Notices of any of `audiences`, newest first, at most `limit`. */
  noticesFor(audiences: readonly string[], limit: number): Promise<Notice[]>;
  markRead(sub: string, noticeIds: readonly string[], at: number): Promise<void>;
  /** Which of `noticeIds` `sub` has read. */
  readBy(sub: string, noticeIds: readonly string[]): Promise<Set<string>>;

  putWebhook(webhook: WebhookRecord): Promise<void>;
  webhook(id: string): Promise<WebhookRecord | undefined>;
  /** Oldest first. */
  webhooksOf(communityId: string): Promise<WebhookRecord[]>;
  /** Removes the webhook and its delivery log; false if there was none. */
  removeWebhook(id: string): Promise<boolean>;

  /** Inserts or replaces, by id. */
  putDelivery(delivery: Delivery): Promise<void>;
  /** Newest first, at most `limit`. */
  deliveriesOf(webhookId: string, limit: number): Promise<Delivery[]>;
  /** Every delivery still pending (to resume after a restart), oldest first. */
  pendingDeliveries(): Promise<Delivery[]>;
}

export const newestFirst =
  <T extends { id: string }>(at: (x: T) => number) =>
  (a: T, b: T) =>
    at(b) - at(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
