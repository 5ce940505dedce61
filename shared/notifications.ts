// Notices (in-app, per person) and webhooks (signed deliveries to a district's own systems).
// Times are ms since epoch. A notice's words come from shared/messages.ts by its kind.
import { Type, type Static } from '@sinclair/typebox';
import { messageOf } from './messages';

export const NoticeKind = Type.Union([
  /** a proposal waits for a member school's answer (its office, and the coordinator) */
  Type.Literal('proposal_waiting'),
  Type.Literal('lesson_moved'),
  Type.Literal('lesson_cancelled'),
  Type.Literal('lesson_substituted'),
  /** a change to one occurrence was taken back */
  Type.Literal('lesson_restored'),
  /** a teacher is now 辅导教师 of a member classroom in a published lesson */
  Type.Literal('member_teacher_assigned'),
  /** a lesson went live while one of its member classrooms was not there */
  Type.Literal('classroom_missing'),
]);
export type NoticeKind = Static<typeof NoticeKind>;

/**
 * Who a notice is for: `teacher:<teacherId>`, `coordinator:<communityId>` (the
 * community's coordinators) or `school:<schoolId>` (that school's 教务).
 */
export const Audience = Type.String({ pattern: '^(teacher|coordinator|school):.+$' });

export const Notice = Type.Object({
  id: Type.String(),
  audience: Audience,
  communityId: Type.String(),
  kind: NoticeKind,
  at: Type.Number(),
  /** the names and times its words need (subject, date, teacher, school…) */
  params: Type.Record(Type.String(), Type.String()),
  occurrenceId: Type.Optional(Type.String()),
  seriesId: Type.Optional(Type.String()),
});
export type Notice = Static<typeof Notice>;

export const NoticeView = Type.Object({
  ...Notice.properties,
  read: Type.Boolean(),
  /** the words, Chinese first */
  text: Type.Object({ zh: Type.String(), en: Type.String() }),
});
export type NoticeView = Static<typeof NoticeView>;

export const NoticeList = Type.Object({
  notices: Type.Array(NoticeView),
  unread: Type.Integer({ minimum: 0 }),
});
export type NoticeList = Static<typeof NoticeList>;

export const NoticeQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export type NoticeQuery = Static<typeof NoticeQuery>;

export const NoticeParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type NoticeParams = Static<typeof NoticeParams>;

export const MarkedReply = Type.Object({ marked: Type.Integer({ minimum: 0 }) });

// Webhooks. The secret is shown once, in the reply that creates the webhook.

export const NewWebhookBody = Type.Object({
  /** http or https; checked again on the server (webhookUrl.ts) */
  url: Type.String({ minLength: 8, maxLength: 2000 }),
  description: Type.Optional(Type.String({ maxLength: 200 })),
});
export type NewWebhookBody = Static<typeof NewWebhookBody>;

export const WebhookInfo = Type.Object({
  id: Type.String(),
  communityId: Type.String(),
  url: Type.String(),
  description: Type.String(),
  createdAt: Type.Number(),
  /** the principal's sub who registered it */
  createdBy: Type.String(),
});
export type WebhookInfo = Static<typeof WebhookInfo>;

export const NewWebhookReply = Type.Object({
  ...WebhookInfo.properties,
  /** signs every delivery (HMAC-SHA256); shown only here */
  secret: Type.String(),
});
export type NewWebhookReply = Static<typeof NewWebhookReply>;

export const WebhookList = Type.Array(WebhookInfo);
export const CommunityWebhookParams = Type.Object({
  communityId: Type.String({ minLength: 1, maxLength: 128 }),
});
export type CommunityWebhookParams = Static<typeof CommunityWebhookParams>;
export const WebhookParams = Type.Object({
  communityId: Type.String({ minLength: 1, maxLength: 128 }),
  webhookId: Type.String({ minLength: 1, maxLength: 64 }),
});
export type WebhookParams = Static<typeof WebhookParams>;

export const DeliveryStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('delivered'),
  /** given up after the last retry */
  Type.Literal('failed'),
]);
export type DeliveryStatus = Static<typeof DeliveryStatus>;

export const Delivery = Type.Object({
  id: Type.String(),
  webhookId: Type.String(),
  noticeId: Type.String(),
  kind: NoticeKind,
  /** the raw body sent, byte for byte what was signed */
  body: Type.String(),
  status: DeliveryStatus,
  attempts: Type.Integer({ minimum: 0 }),
  createdAt: Type.Number(),
  nextAttemptAt: Type.Optional(Type.Number()),
  deliveredAt: Type.Optional(Type.Number()),
  /** the receiver's HTTP status of the last attempt, if it answered */
  lastStatus: Type.Optional(Type.Integer()),
  lastError: Type.Optional(Type.String()),
});
export type Delivery = Static<typeof Delivery>;

export const DeliveryLog = Type.Array(Delivery);

/** What a receiver gets (the JSON body of a delivery). */
export const WebhookPayload = Type.Object({
  /** the delivery's id: a receiver that saw it already ignores a repeat */
  id: Type.String(),
  type: NoticeKind,
  communityId: Type.String(),
  /** whom it concerns: `teacher:<id>`, `coordinator:<communityId>`, `school:<id>` */
  audience: Type.String(),
  at: Type.Number(),
  text: Type.Object({ zh: Type.String(), en: Type.String() }),
  params: Type.Record(Type.String(), Type.String()),
  occurrenceId: Type.Optional(Type.String()),
  seriesId: Type.Optional(Type.String()),
});
export type WebhookPayload = Static<typeof WebhookPayload>;

export const signatureHeader = 'x-tongke-signature';
export const timestampHeader = 'x-tongke-timestamp';
export const deliveryHeader = 'x-tongke-delivery';

/** A notice's words, Chinese first: the catalogue's `notice_<kind>`. */
export function noticeText(n: Pick<Notice, 'kind' | 'params'>): { zh: string; en: string } {
  return messageOf(`notice_${n.kind}`, n.params) ?? { zh: n.kind, en: n.kind };
}
