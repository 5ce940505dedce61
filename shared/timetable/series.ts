// A synchronized lesson series (one row of the 一张表), its negotiation state, the single
// occurrence changes made without touching it, and the conflicts found in it.
import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDate, Weekday } from './model';

export const Weeks = Type.Union([
  Type.Object({ kind: Type.Literal('every') }),
  Type.Object({ kind: Type.Literal('odd') }),
  Type.Object({ kind: Type.Literal('even') }),
  Type.Object({
    kind: Type.Literal('list'),
    /** teaching weeks, 1 = the week of the term's first day */
    weeks: Type.Array(Type.Integer({ minimum: 1, maximum: 30 }), { minItems: 1, maxItems: 30 }),
  }),
]);
export type Weeks = Static<typeof Weeks>;

/** 辅导教师: the teacher who keeps a member classroom during the lesson. */
export const MemberTeacher = Type.Object({ classroomId: Id, teacherId: Id });
export type MemberTeacher = Static<typeof MemberTeacher>;

/** What a coordinator edits. The slot is a weekday and a period of the core school. */
export const SeriesSpec = Type.Object({
  subject: Type.String({ minLength: 1, maxLength: 30 }),
  teacherId: Id,
  coreClassroomId: Id,
  memberClassroomIds: Type.Array(Id, { minItems: 1, maxItems: 12 }),
  /**
   * 辅导教师 of member classrooms (optional, at most one each): they are busy in that
   * classroom during the lesson and write the research minutes after it.
   */
  memberTeachers: Type.Optional(Type.Array(MemberTeacher, { maxItems: 12 })),
  weekday: Weekday,
  period: Type.Integer({ minimum: 1, maximum: 20 }),
  weeks: Weeks,
});
export type SeriesSpec = Static<typeof SeriesSpec>;

export const SeriesStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('proposed'),
  Type.Literal('published'),
]);
export type SeriesStatus = Static<typeof SeriesStatus>;

export const Decision = Type.Union([
  Type.Literal('pending'),
  Type.Literal('accepted'),
  Type.Literal('objected'),
]);
export type Decision = Static<typeof Decision>;

/** Who did a step of the negotiation: the signed-in user (a login's id and name). */
export const Actor = Type.Object({ sub: Type.String(), name: Type.String() });
export type Actor = Static<typeof Actor>;

export const SchoolResponse = Type.Object({
  schoolId: Id,
  decision: Decision,
  comment: Type.String({ maxLength: 500 }),
  /** ms since epoch, 0 while pending */
  at: Type.Number(),
  /** who answered; absent while pending */
  by: Type.Optional(Actor),
  /**
   * A coordinator answered for the school (代为同意), e.g. one whose office cannot be
   * reached: it counts as the school's answer and is kept as such in the history.
   */
  onBehalf: Type.Optional(Type.Boolean()),
});
export type SchoolResponse = Static<typeof SchoolResponse>;

/**
 * One step of the negotiation, kept for good (answers are reset by an edit, this is not):
 * the record of who agreed to what, and when, that 捆绑考核 looks at.
 */
export const NegotiationEvent = Type.Object({
  at: Type.Number(),
  kind: Type.Union([
    Type.Literal('proposed'),
    Type.Literal('accepted'),
    Type.Literal('objected'),
    /** an edit took the proposal back; its answers no longer count */
    Type.Literal('withdrawn'),
    Type.Literal('published'),
  ]),
  schoolId: Type.Optional(Id),
  comment: Type.Optional(Type.String({ maxLength: 500 })),
  by: Type.Optional(Actor),
  onBehalf: Type.Optional(Type.Boolean()),
  /** the version a publication made */
  version: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type NegotiationEvent = Static<typeof NegotiationEvent>;

export const FieldChange = Type.Object({
  field: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
});
export type FieldChange = Static<typeof FieldChange>;

export const PublishedVersion = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  spec: SeriesSpec,
  publishedAt: Type.Number(),
  /** what changed against the version before (empty for version 1) */
  changes: Type.Array(FieldChange),
});
export type PublishedVersion = Static<typeof PublishedVersion>;

export const SeriesRecord = Type.Object({
  id: Id,
  communityId: Id,
  /** the working copy: what is being negotiated */
  spec: SeriesSpec,
  status: SeriesStatus,
  /** one response per member school concerned, reset on every proposal */
  responses: Type.Array(SchoolResponse),
  /** what classrooms follow now; absent until first published */
  published: Type.Optional(PublishedVersion),
  /** every published version, oldest first */
  history: Type.Array(PublishedVersion),
  /** every step of the negotiation, oldest first (absent in records stored before it) */
  log: Type.Optional(Type.Array(NegotiationEvent)),
  /** bumped by every write: a stale edit is refused */
  revision: Type.Integer({ minimum: 0 }),
  updatedAt: Type.Number(),
});
export type SeriesRecord = Static<typeof SeriesRecord>;

/** A change to one dated occurrence; the series stays as it is. */
export const OccurrenceOverride = Type.Object({
  seriesId: Id,
  communityId: Id,
  /** the date the series gives this occurrence (its id is `${seriesId}:${date}`) */
  date: IsoDate,
  cancelled: Type.Boolean(),
  moveTo: Type.Optional(
    Type.Object({ date: IsoDate, period: Type.Integer({ minimum: 1, maximum: 20 }) }),
  ),
  substituteTeacherId: Type.Optional(Id),
  note: Type.String({ maxLength: 300 }),
  /**
   * Counts the changes to this occurrence (a restore is a change too, so it is never
   * deleted): the occurrence's version is the series version plus this, and grows on every
   * change, which is how the lesson clock notices a move or a substitute.
   */
  revision: Type.Integer({ minimum: 1 }),
  updatedAt: Type.Number(),
});
export type OccurrenceOverride = Static<typeof OccurrenceOverride>;

export const conflictCodes = [
  'classroom_double_booked',
  'teacher_double_booked',
  'outside_term',
  'holiday',
  'no_such_period',
  'period_mismatch',
  'unknown_reference',
] as const;
export const ConflictCode = Type.Union(conflictCodes.map((c) => Type.Literal(c)));
export type ConflictCode = Static<typeof ConflictCode>;

export const Conflict = Type.Object({
  code: ConflictCode,
  /** hard conflicts block publishing; warnings are shown to the schools */
  severity: Type.Union([Type.Literal('hard'), Type.Literal('warning')]),
  message: Type.String(),
  seriesId: Type.String(),
  /** the occurrence concerned, when the conflict is on one date */
  occurrenceId: Type.Optional(Type.String()),
  date: Type.Optional(IsoDate),
  /** the classroom, teacher or school the conflict is about */
  resourceId: Type.Optional(Type.String()),
  otherSeriesId: Type.Optional(Type.String()),
  otherOccurrenceId: Type.Optional(Type.String()),
});
export type Conflict = Static<typeof Conflict>;
