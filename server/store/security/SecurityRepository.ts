import type { AdhocGrant, AuditEntry } from '../../../shared/security';

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
  appendAudit(entry: AuditEntry): Promise<void>;
  /** The community's entries, newest first. */
  auditIn(communityId: string, limit: number): Promise<AuditEntry[]>;
}
