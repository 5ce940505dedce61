import { Type, type Static } from '@sinclair/typebox';

/** Who is acting. Coordinators and observers see a community; devices are one classroom. */
export const Role = Type.Union([
  Type.Literal('coordinator'),
  Type.Literal('teacher'),
  Type.Literal('device'),
  Type.Literal('observer'),
  /** a member school's 教务: its own school's bell schedule, classrooms, teachers, answers */
  Type.Literal('school_office'),
  /** 区县教育局: reads and evaluates every community of its district, creates communities */
  Type.Literal('district'),
]);
export type Role = Static<typeof Role>;

/**
 * What a server-issued token says about its bearer. Room and role always come from here,
 * never from a client's payload.
 */
export const Principal = Type.Object({
  /** user id, or the classroom id for a device */
  sub: Type.String({ minLength: 1 }),
  role: Role,
  name: Type.String(),
  /** communities this principal may act in (an observer of a district may have many) */
  communityIds: Type.Array(Type.String()),
  /** set for devices: the one classroom this PC is enrolled to */
  classroomId: Type.Optional(Type.String()),
  /** set for devices: this PC's enrolment, looked up on every use so it can be revoked */
  deviceId: Type.Optional(Type.String()),
  /** set for teachers: their teacher record in the timetable */
  teacherId: Type.Optional(Type.String()),
  /** set for a school office (学校教务): the one school it acts for */
  schoolId: Type.Optional(Type.String()),
  /**
   * set for a district (区县教育局): the district whose communities it reads (Community.district).
   * Its communityIds are looked up on every request, never capped by a list in the token.
   */
  district: Type.Optional(Type.String()),
  /** set for a link token (research room invitation): the one lesson it is good for */
  occurrenceId: Type.Optional(Type.String()),
});
export type Principal = Static<typeof Principal>;

// REST bodies of logins and device enrolment (server/http/auth).

export const LoginBody = Type.Object({
  login: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});
export type LoginBody = Static<typeof LoginBody>;

export const TokenReply = Type.Object({
  token: Type.String(),
  /** ms since epoch */
  expiresAt: Type.Number(),
  principal: Principal,
});
export type TokenReply = Static<typeof TokenReply>;

export const NewUserBody = Type.Object({
  login: Type.String({ minLength: 2, maxLength: 100, pattern: '^[A-Za-z0-9._@-]+$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  role: Type.Union([
    Type.Literal('coordinator'),
    Type.Literal('teacher'),
    Type.Literal('observer'),
    Type.Literal('school_office'),
    Type.Literal('district'),
  ]),
  password: Type.String({ minLength: 8, maxLength: 200 }),
  /** the account's communities; a district account names none (it has its district's) */
  communityIds: Type.Array(Type.String({ minLength: 1 }), { maxItems: 50 }),
  /** a district account's district (Community.district), required for that role */
  district: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  teacherId: Type.Optional(Type.String({ minLength: 1 })),
  /** a school office's school: one school of its one community (required for that role) */
  schoolId: Type.Optional(Type.String({ minLength: 1 })),
});
export type NewUserBody = Static<typeof NewUserBody>;

export const ChangePasswordBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
  newPassword: Type.String({ minLength: 8, maxLength: 200 }),
});
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const NewEnrolmentBody = Type.Object({
  communityId: Type.String({ minLength: 1 }),
  classroomId: Type.String({ minLength: 1 }),
  /** how long the code works; default 24 h, at most 7 days */
  ttlMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 })),
});
export type NewEnrolmentBody = Static<typeof NewEnrolmentBody>;

export const EnrolmentReply = Type.Object({ code: Type.String(), expiresAt: Type.Number() });
export type EnrolmentReply = Static<typeof EnrolmentReply>;

export const EnrolBody = Type.Object({ code: Type.String({ minLength: 4, maxLength: 32 }) });
export type EnrolBody = Static<typeof EnrolBody>;

export const IdReply = Type.Object({ id: Type.String() });
export type IdReply = Static<typeof IdReply>;

/** An enrolled classroom PC, as a coordinator sees it. */
export const DeviceInfo = Type.Object({
  deviceId: Type.String(),
  classroomId: Type.String(),
  communityId: Type.String(),
  /** ms since epoch */
  enrolledAt: Type.Number(),
  /** ms since epoch; set once revoked: the PC's token is refused from then on */
  revokedAt: Type.Optional(Type.Number()),
  revokedBy: Type.Optional(Type.String()),
});
export type DeviceInfo = Static<typeof DeviceInfo>;

export const DeviceList = Type.Array(DeviceInfo);

export const DevicesQuery = Type.Object({ communityId: Type.String({ minLength: 1 }) });
export type DevicesQuery = Static<typeof DevicesQuery>;

export const DeviceParams = Type.Object({ deviceId: Type.String({ minLength: 1 }) });
export type DeviceParams = Static<typeof DeviceParams>;

/** A one-time sign-in code (from a printed link or an invitation), traded for a token. */
export const ExchangeBody = Type.Object({
  code: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});
export type ExchangeBody = Static<typeof ExchangeBody>;

/** A person's account a coordinator disables or enables again. */
export const UserParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 128 }) });
export type UserParams = Static<typeof UserParams>;

export const AccountState = Type.Object({
  userId: Type.String(),
  /** ms since epoch; absent while the account works */
  disabledAt: Type.Optional(Type.Number()),
});
export type AccountState = Static<typeof AccountState>;
