// REST bodies, params, queries and replies of the timetable (server/http/timetable), the
// same objects the coordinator screen sends and reads.
import { Type, type Static } from '@sinclair/typebox';
import {
  BellSchedule,
  Classroom,
  Community,
  Id,
  IsoDate,
  School,
  Teacher,
  TermCalendar,
} from './model';
import { Conflict, MemberTeacher, OccurrenceOverride, SeriesRecord, SeriesSpec } from './series';
import { ScheduledOccurrence } from './occurrence';
import { LessonState } from '../lessons';

export const CommunityParams = Type.Object({ communityId: Id });
export type CommunityParams = Static<typeof CommunityParams>;
export const SchoolParams = Type.Object({ communityId: Id, schoolId: Id });
export type SchoolParams = Static<typeof SchoolParams>;
export const SeriesParams = Type.Object({ communityId: Id, seriesId: Id });
export type SeriesParams = Static<typeof SeriesParams>;
export const OccurrenceParams = Type.Object({
  communityId: Id,
  /** `${seriesId}:${yyyy-mm-dd}` */
  occurrenceId: Type.String({ pattern: '^[A-Za-z0-9._:-]+:\\d{4}-\\d{2}-\\d{2}$' }),
});
export type OccurrenceParams = Static<typeof OccurrenceParams>;
export const ClassroomParams = Type.Object({ id: Id });
export type ClassroomParams = Static<typeof ClassroomParams>;

const optionalId = Type.Object({ id: Type.Optional(Id) });
export const NewSchoolBody = Type.Composite([Type.Omit(School, ['id']), optionalId]);
export type NewSchoolBody = Static<typeof NewSchoolBody>;
export const NewClassroomBody = Type.Composite([Type.Omit(Classroom, ['id']), optionalId]);
export type NewClassroomBody = Static<typeof NewClassroomBody>;
export const NewTeacherBody = Type.Composite([Type.Omit(Teacher, ['id']), optionalId]);
export type NewTeacherBody = Static<typeof NewTeacherBody>;
export const UpdateCommunityBody = Type.Omit(Community, ['id']);
export type UpdateCommunityBody = Static<typeof UpdateCommunityBody>;
export const BellScheduleBody = BellSchedule;
export const CalendarBody = TermCalendar;

export const NewSeriesBody = Type.Object({ id: Type.Optional(Id), spec: SeriesSpec });
export type NewSeriesBody = Static<typeof NewSeriesBody>;
export const UpdateSeriesBody = Type.Object({
  spec: SeriesSpec,
  /** the revision the edit was made on: a stale one is refused (409) */
  revision: Type.Integer({ minimum: 0 }),
});
export type UpdateSeriesBody = Static<typeof UpdateSeriesBody>;
export const CheckBody = Type.Object({
  spec: SeriesSpec,
  /** checking a change of an existing series (it does not clash with itself) */
  seriesId: Type.Optional(Id),
});
export type CheckBody = Static<typeof CheckBody>;

export const SeriesReply = Type.Object({ series: SeriesRecord, conflicts: Type.Array(Conflict) });
export type SeriesReply = Static<typeof SeriesReply>;
export const ConflictsReply = Type.Object({ conflicts: Type.Array(Conflict) });
export type ConflictsReply = Static<typeof ConflictsReply>;

export const RespondBody = Type.Object({
  schoolId: Id,
  decision: Type.Union([Type.Literal('accepted'), Type.Literal('objected')]),
  comment: Type.String({ maxLength: 500 }),
});
export type RespondBody = Static<typeof RespondBody>;

export const DiffReply = Type.Object({
  seriesId: Id,
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  changes: Type.Array(
    Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() }),
  ),
  /** schools whose classrooms are in either version */
  schoolIds: Type.Array(Id),
});
export type DiffReply = Static<typeof DiffReply>;

/** Replaces the change of one occurrence; all fields empty restores it. */
export const OverrideBody = Type.Object({
  cancelled: Type.Optional(Type.Boolean()),
  moveTo: Type.Optional(
    Type.Object({ date: IsoDate, period: Type.Integer({ minimum: 1, maximum: 20 }) }),
  ),
  substituteTeacherId: Type.Optional(Id),
  note: Type.Optional(Type.String({ maxLength: 300 })),
});
export type OverrideBody = Static<typeof OverrideBody>;

export const WeekQuery = Type.Object({
  /** any day of the week wanted */
  date: IsoDate,
  /** the plan being negotiated (default) or what classrooms follow now */
  view: Type.Optional(Type.Union([Type.Literal('working'), Type.Literal('published')])),
});
export type WeekQuery = Static<typeof WeekQuery>;

export const MemberFit = Type.Object({
  schoolId: Id,
  period: Type.Union([Type.Integer(), Type.Null()]),
  overlap: Type.Number(),
  fits: Type.Boolean(),
});
export type MemberFit = Static<typeof MemberFit>;

export const GridOccurrence = Type.Object({
  occurrenceId: Type.String(),
  seriesId: Id,
  subject: Type.String(),
  teacherId: Id,
  coreClassroomId: Id,
  memberClassroomIds: Type.Array(Id),
  /** 辅导教师 by member classroom, where named */
  memberTeachers: Type.Array(MemberTeacher),
  seriesDate: IsoDate,
  date: IsoDate,
  weekday: Type.Integer(),
  period: Type.Integer(),
  clock: Type.Object({ start: Type.String(), end: Type.String() }),
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
  moved: Type.Boolean(),
  substituted: Type.Boolean(),
  version: Type.Integer(),
  /** how the slot sits on each member school's own bell */
  members: Type.Array(MemberFit),
});
export type GridOccurrence = Static<typeof GridOccurrence>;

export const WeekReply = Type.Object({
  monday: IsoDate,
  days: Type.Array(IsoDate),
  occurrences: Type.Array(GridOccurrence),
  series: Type.Array(SeriesRecord),
  /** every conflict of the community's series that falls in this week, or has no date */
  conflicts: Type.Array(Conflict),
});
export type WeekReply = Static<typeof WeekReply>;

export const CommunityDetail = Type.Object({
  community: Community,
  schools: Type.Array(School),
  classrooms: Type.Array(Classroom),
  teachers: Type.Array(Teacher),
});
export type CommunityDetail = Static<typeof CommunityDetail>;

export const TodayLesson = Type.Composite([
  ScheduledOccurrence,
  Type.Object({
    role: Type.Union([Type.Literal('core'), Type.Literal('member')]),
    /** the lesson clock's state, where it has a record of the lesson */
    lessonState: Type.Optional(LessonState),
  }),
]);
export type TodayLesson = Static<typeof TodayLesson>;
export const TodayReply = Type.Object({
  classroomId: Id,
  date: IsoDate,
  /** the communities' clock (TIME_ZONE): the PC shows times on it, whatever its own says */
  timeZone: Type.String(),
  /** the lesson to join now: its room open or live, or opening within the lead time */
  now: Type.Union([TodayLesson, Type.Null()]),
  next: Type.Union([TodayLesson, Type.Null()]),
  lessons: Type.Array(TodayLesson),
});
export type TodayReply = Static<typeof TodayReply>;

export const ImportError = Type.Object({
  /** 1-based line (CSV) or row (XLSX) number; the header is line 1 */
  line: Type.Integer(),
  field: Type.Optional(Type.String()),
  /** the rule's machine code, where it has one (e.g. `not_in_community`) */
  code: Type.Optional(Type.String()),
  reason: Type.String(),
});
export type ImportError = Static<typeof ImportError>;
export const ImportReply = Type.Object({
  created: Type.Array(Id),
  conflicts: Type.Array(Conflict),
});
export type ImportReply = Static<typeof ImportReply>;

export const ExportQuery = Type.Object({
  date: IsoDate,
  by: Type.Optional(
    Type.Union([Type.Literal('school'), Type.Literal('classroom'), Type.Literal('teacher')]),
  ),
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
});
export type ExportQuery = Static<typeof ExportQuery>;

/** A school's term generated from the official calendar (holidays and 调休 make-up days). */
export const OfficialBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  firstDay: IsoDate,
  lastDay: IsoDate,
});
export type OfficialBody = Static<typeof OfficialBody>;

export const OverrideReply = Type.Object({
  override: OccurrenceOverride,
  conflicts: Type.Array(Conflict),
});
export type OverrideReply = Static<typeof OverrideReply>;

export const PublishAllReply = Type.Object({
  published: Type.Array(Type.String()),
  refused: Type.Array(
    Type.Object({
      seriesId: Type.String(),
      code: Type.String(),
      /** Chinese first; names the lesson and the schools */
      message: Type.String(),
      /** the schools that have not answered, or object */
      schoolIds: Type.Optional(Type.Array(Type.String())),
    }),
  ),
});
export type PublishAllReply = Static<typeof PublishAllReply>;

/** A refused import: every bad row with its line and reason, nothing written. */
export const ImportRefusedReply = Type.Object({
  error: Type.String(),
  message: Type.String(),
  details: Type.Array(ImportError),
});
export type ImportRefusedReply = Static<typeof ImportRefusedReply>;

export const TeacherParams = Type.Object({ id: Id });
export type TeacherParams = Static<typeof TeacherParams>;

/** A teacher's synchronized lessons of today, in the communities the asker may see. */
export const TeacherDayReply = Type.Object({
  teacherId: Id,
  date: IsoDate,
  /** the communities' clock (TIME_ZONE): screens show times on it, whatever the PC says */
  timeZone: Type.String(),
  lessons: Type.Array(TodayLesson),
});
export type TeacherDayReply = Static<typeof TeacherDayReply>;

export const TeacherWeekQuery = Type.Object({
  /** any day of the week wanted (the community's date); default: today */
  date: Type.Optional(IsoDate),
});
export type TeacherWeekQuery = Static<typeof TeacherWeekQuery>;

/** A teacher's lessons of one week (Monday to Sunday), each with its lesson state. */
export const TeacherWeekReply = Type.Object({
  teacherId: Id,
  weekStart: IsoDate,
  lessons: Type.Array(TodayLesson),
});
export type TeacherWeekReply = Static<typeof TeacherWeekReply>;
