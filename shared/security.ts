// Ad-hoc room grants and the audit log: the REST bodies and records the server, the
// teacher's and coordinator's screens share. Times are ms since epoch.
import { Type, type Static } from '@sinclair/typebox';

const RoomId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._-]+$' });
const RoomCode = Type.String({ minLength: 6, maxLength: 32, pattern: '^[A-Za-z0-9]+$' });

/**
 * What makes a room-code room exist: a coordinator or teacher allowed it, for a while and
 * for so many participants. Without one (ADHOC_ROOMS=granted) a code opens nothing.
 */
export const AdhocGrant = Type.Object({
  roomId: RoomId,
  code: RoomCode,
  /** participants the room takes at most */
  capacity: Type.Integer({ minimum: 2, maximum: 200 }),
  expiresAt: Type.Number(),
  createdAt: Type.Number(),
  /** the principal's sub who created it */
  createdBy: Type.String(),
  communityId: Type.String(),
});
export type AdhocGrant = Static<typeof AdhocGrant>;

export const NewAdhocGrantBody = Type.Object({
  communityId: Type.String({ minLength: 1, maxLength: 128 }),
  /** default: generated */
  roomId: Type.Optional(RoomId),
  /** default: generated (10 letters and digits) */
  code: Type.Optional(RoomCode),
  /** default 10 */
  capacity: Type.Optional(Type.Integer({ minimum: 2, maximum: 200 })),
  /** how long the room may be opened; default 3 h, at most 7 days */
  ttlMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 })),
});
export type NewAdhocGrantBody = Static<typeof NewAdhocGrantBody>;

export const AdhocGrantList = Type.Array(AdhocGrant);
export const AdhocGrantParams = Type.Object({ roomId: RoomId });
export type AdhocGrantParams = Static<typeof AdhocGrantParams>;

/** One change someone made: who, when, what kind, to what. */
export const AuditEntry = Type.Object({
  at: Type.Number(),
  /** the principal's sub and role */
  by: Type.String(),
  role: Type.String(),
  /** e.g. `adhoc.create`, `device.revoke`, `account.password`, `timetable.apply` */
  action: Type.String(),
  /** what it acted on (a room id, a device id, a user id, a route) */
  target: Type.String(),
  communityId: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditList = Type.Array(AuditEntry);
export const AuditQuery = Type.Object({
  communityId: Type.String({ minLength: 1, maxLength: 128 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});
export type AuditQuery = Static<typeof AuditQuery>;
