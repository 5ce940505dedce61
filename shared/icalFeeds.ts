// Calendar subscriptions (iCal feeds): a calendar app keeps its feed's address for months
// and sends it to whoever serves it, so the address holds a token of its own that opens
// that one feed and nothing else, and that its owner can revoke. Times are ms since epoch.
import { Type, type Static } from '@sinclair/typebox';

export const FeedKind = Type.Union([Type.Literal('classroom'), Type.Literal('teacher')]);
export type FeedKind = Static<typeof FeedKind>;

export const NewFeedBody = Type.Object({
  kind: FeedKind,
  /** the classroom's or teacher's id */
  targetId: Type.String({ minLength: 1, maxLength: 128 }),
});
export type NewFeedBody = Static<typeof NewFeedBody>;

/** A feed as its owner sees it in the list: the token itself is shown once, at creation. */
export const FeedInfo = Type.Object({
  id: Type.String(),
  kind: FeedKind,
  targetId: Type.String(),
  /** the principal's sub who created it */
  ownerSub: Type.String(),
  createdAt: Type.Number(),
  revokedAt: Type.Optional(Type.Number()),
});
export type FeedInfo = Static<typeof FeedInfo>;

export const NewFeedReply = Type.Object({
  ...FeedInfo.properties,
  /** the feed token: good for this feed only */
  token: Type.String(),
  /** the address to subscribe to, path and query (the token rides in it) */
  url: Type.String(),
});
export type NewFeedReply = Static<typeof NewFeedReply>;

export const FeedList = Type.Array(FeedInfo);
export const FeedParams = Type.Object({ feedId: Type.String({ minLength: 1, maxLength: 64 }) });
export type FeedParams = Static<typeof FeedParams>;
export const FeedQuery = Type.Object({
  // long enough that any token sent here is answered 401, not 400
  token: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
});
export type FeedQuery = Static<typeof FeedQuery>;
