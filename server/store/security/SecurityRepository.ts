import type { Principal } from '../../../shared/auth';
import type { FeedInfo } from '../../../shared/icalFeeds';
import type { AdhocGrant, AuditEntry } from '../../../shared/security';

/** What a one-time sign-in code trades for; the code itself is kept only as a hash. */
export interface SignInCodeRecord {
  principal: Principal;
  /** the token it gives lasts until then */
  tokenExpiresAt: number;
  issuedAt: number;
  /** the code works until then, once */
  expiresAt: number;
}

/** A calendar feed with the hash of its token. */
export interface FeedRecord extends FeedInfo {
  tokenHash: string;
}

/** What keeps outsiders out and sessions honest: room grants, token versions, the audit log. */
export interface SecurityRepository {
  /** False when a grant for that room id exists already (expired or not). */
  addGrant(grant: AdhocGrant): Promise<boolean>;
  grant(roomId: string): Promise<AdhocGrant | undefined>;
  /** The community's grants, newest first. */
  grantsIn(communityId: string): Promise<AdhocGrant[]>;
  /** False if there was none. */
  deleteGrant(roomId: string): Promise<boolean>;
  /** The account's token version (0 for one never bumped): older tokens are refused. */
  tokenVersion(subject: string): Promise<number>;
  /** Ends every token issued so far for the account; returns the new version. */
  bumpTokenVersion(subject: string): Promise<number>;
  /** Marks the account disabled (a time) or working again (undefined). */
  setDisabled(subject: string, at: number | undefined): Promise<void>;
  /** When the account was disabled, undefined while it works. */
  disabledAt(subject: string): Promise<number | undefined>;
  addSignInCode(codeHash: string, record: SignInCodeRecord): Promise<void>;
  /** The record, once: undefined for an unknown, used or expired code. */
  consumeSignInCode(codeHash: string, now: number): Promise<SignInCodeRecord | undefined>;
  addFeed(feed: FeedRecord): Promise<void>;
  feedByTokenHash(tokenHash: string): Promise<FeedRecord | undefined>;
  feed(id: string): Promise<FeedRecord | undefined>;
  /** The owner's feeds, revoked ones included, newest first. */
  feedsOf(ownerSub: string): Promise<FeedRecord[]>;
  /** Marks the feed revoked (a second call keeps the first time); undefined if unknown. */
  revokeFeed(id: string, at: number): Promise<FeedRecord | undefined>;
  appendAudit(entry: AuditEntry): Promise<void>;
  /** The community's entries, newest first. */
  auditIn(communityId: string, limit: number): Promise<AuditEntry[]>;
}
