// Lesson lifecycle, attendance and material: the types the server, the screens and the
// signaling layer share. Times are ms since epoch unless a field says otherwise.
import { ReceptionIssue, ReceptionQuality } from './signaling/reception';
import { Type, type Static } from '@sinclair/typebox';
import { ScheduledOccurrence } from './timetable/occurrence';
import { QuestionRecord } from './lessonLog';

export const LessonState = Type.Union([
  Type.Literal('scheduled'),
  Type.Literal('open'),
  Type.Literal('live'),
  Type.Literal('ended'),
  Type.Literal('research'),
  Type.Literal('archived'),
]);
export type LessonState = Static<typeof LessonState>;

/** Why a transition happened: the clock on time, a person's action, or a cancellation. */
export const TransitionCause = Type.Union([
  Type.Literal('clock'),
  Type.Literal('teacher_start'),
  Type.Literal('teacher_end'),
  Type.Literal('research_closed'),
  Type.Literal('cancelled'),
]);
export type TransitionCause = Static<typeof TransitionCause>;

export const LessonTransition = Type.Object({
  occurrenceId: Type.String(),
  from: LessonState,
  to: LessonState,
  at: Type.Number(),
  cause: TransitionCause,
  /** the principal's sub when a person caused it */
  by: Type.Optional(Type.String()),
});
export type LessonTransition = Static<typeof LessonTransition>;

/** The persisted state of one lesson occurrence, with its full history. */
export const LessonRecord = Type.Object({
  occurrence: ScheduledOccurrence,
  state: LessonState,
  /** planned end after a teacher ran over (≤ end + the late-end limit) */
  endAt: Type.Optional(Type.Number()),
  /** when the research session closes (set when it opens) */
  researchClosesAt: Type.Optional(Type.Number()),
  transitions: Type.Array(LessonTransition),
});
export type LessonRecord = Static<typeof LessonRecord>;

/**
 * What a member classroom got of the teacher's camera during one sample (~2 s), when the
 * teacher was sending it: what the server forwarded, and what the classroom decoded.
 */
export const TeacherVideoSample = Type.Object({
  /** kbit/s the server forwarded to the classroom of the teacher's camera */
  forwardedKbps: Type.Number({ minimum: 0 }),
  /** the server held it paused for the classroom (its screen said the tile is hidden) */
  paused: Type.Boolean(),
  /** frames the classroom decoded of it since the previous sample; absent: no report came */
  framesDecoded: Type.Optional(Type.Integer({ minimum: 0 })),
  /** freezes the classroom's browser counted since the previous sample, where it counts them */
  freezes: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type TeacherVideoSample = Static<typeof TeacherVideoSample>;

export const QualitySample = Type.Object({
  /** received from (or sent by) the classroom, kbit/s */
  bitrateKbps: Type.Number({ minimum: 0 }),
  /** packet loss, percent 0–100 */
  lossPct: Type.Number({ minimum: 0, maximum: 100 }),
  rttMs: Type.Number({ minimum: 0 }),
  /** video (camera, screen) the server received from the classroom, kbit/s */
  sentVideoKbps: Type.Optional(Type.Number({ minimum: 0 })),
  /** a member classroom while the teacher's camera was on */
  teacherVideo: Type.Optional(TeacherVideoSample),
  /** what the classroom received, graded (layer, fps, freezes, loss, delay: issue #14) */
  reception: Type.Optional(ReceptionQuality),
});
export type QualitySample = Static<typeof QualitySample>;

export const AttendanceEvent = Type.Union([
  Type.Object({
    kind: Type.Union([Type.Literal('join'), Type.Literal('leave')]),
    occurrenceId: Type.String(),
    classroomId: Type.String(),
    at: Type.Number(),
  }),
  Type.Object({
    kind: Type.Literal('quality'),
    occurrenceId: Type.String(),
    classroomId: Type.String(),
    at: Type.Number(),
    sample: QualitySample,
  }),
]);
export type AttendanceEvent = Static<typeof AttendanceEvent>;

export const QualityGrade = Type.Union([
  Type.Literal('good'),
  Type.Literal('fair'),
  Type.Literal('poor'),
  Type.Literal('none'),
]);
export type QualityGrade = Static<typeof QualityGrade>;

/** Why a classroom's grade is not good: what its people noticed, or would have. */
export const QualityIssue = Type.Union([
  Type.Literal('no_teacher_video'),
  Type.Literal('teacher_video_gaps'),
  Type.Literal('teacher_video_freezes'),
  Type.Literal('nothing_sent'),
  Type.Literal('packet_loss'),
  Type.Literal('high_rtt'),
  /** what it received was graded poor (paused or low picture, freezes, downlink loss) */
  Type.Literal('poor_reception'),
]);
export type QualityIssue = Static<typeof QualityIssue>;

export const qualityIssueLabels: Record<QualityIssue, string> = {
  no_teacher_video: '未收到主讲画面 no teacher video',
  teacher_video_gaps: '主讲画面时断时续 teacher video came and went',
  teacher_video_freezes: '主讲画面卡顿 teacher video froze',
  nothing_sent: '本教室画面未送出 this classroom sent no video',
  packet_loss: '丢包多 packet loss',
  high_rtt: '时延高 high delay',
  poor_reception: '接收差（画面降级或暂停） poor reception',
};

export const qualityGradeLabels: Record<QualityGrade, string> = {
  good: '良好',
  fair: '一般',
  poor: '差',
  none: '无数据',
};

export const QualitySummary = Type.Object({
  samples: Type.Integer(),
  avgBitrateKbps: Type.Number(),
  avgLossPct: Type.Number(),
  maxLossPct: Type.Number(),
  avgRttMs: Type.Number(),
  maxRttMs: Type.Number(),
  /** average video the server received from the classroom; absent if never measured */
  avgSentVideoKbps: Type.Optional(Type.Number()),
  /** of the samples while the teacher's camera was on (member classrooms only) */
  teacherVideo: Type.Optional(
    Type.Object({
      samples: Type.Integer(),
      /** share of them in which the classroom decoded (or, unreported, was sent) her video */
      receivedPct: Type.Number(),
      /** share of them in which the server held her video paused for the classroom */
      pausedPct: Type.Number(),
      framesDecoded: Type.Integer(),
      freezes: Type.Integer(),
    }),
  ),
  /** of the samples that graded what the classroom received */
  reception: Type.Optional(
    Type.Object({
      samples: Type.Integer(),
      poorPct: Type.Number(),
      fairPct: Type.Number(),
      /** the reasons seen, most frequent first */
      issues: Type.Array(ReceptionIssue),
    }),
  ),
  grade: QualityGrade,
  /** why the grade is not good, worst first; empty when it is */
  issues: Type.Array(QualityIssue),
});
export type QualitySummary = Static<typeof QualitySummary>;

export const ClassroomAttendance = Type.Object({
  classroomId: Type.String(),
  side: Type.Union([Type.Literal('core'), Type.Literal('member')]),
  intervals: Type.Array(Type.Object({ from: Type.Number(), to: Type.Number() })),
  /** connected time inside the lesson window, whole minutes rounded down */
  minutesConnected: Type.Integer(),
  absent: Type.Boolean(),
  quality: QualitySummary,
});
export type ClassroomAttendance = Static<typeof ClassroomAttendance>;

export const AttendanceReport = Type.Object({
  occurrenceId: Type.String(),
  window: Type.Object({ from: Type.Number(), to: Type.Number() }),
  classrooms: Type.Array(ClassroomAttendance),
  absent: Type.Array(Type.String()),
});
export type AttendanceReport = Static<typeof AttendanceReport>;

/** 导学单, 教学设计, 课件, 课堂练习 (seed 001), plus anything else a teacher shares. */
export const MaterialKind = Type.Union([
  Type.Literal('guide'),
  Type.Literal('design'),
  Type.Literal('courseware'),
  Type.Literal('exercise'),
  Type.Literal('resource'),
]);
export type MaterialKind = Static<typeof MaterialKind>;

export const materialKindLabels: Record<MaterialKind, string> = {
  guide: '课堂导学单',
  design: '教学设计',
  courseware: '课件',
  exercise: '课堂练习',
  resource: '教学资源',
};

export const Material = Type.Object({
  id: Type.String(),
  communityId: Type.String(),
  /** attached to one occurrence, or to every occurrence of a series */
  occurrenceId: Type.Optional(Type.String()),
  seriesId: Type.Optional(Type.String()),
  kind: MaterialKind,
  fileName: Type.String(),
  mimeType: Type.String(),
  size: Type.Integer(),
  uploadedBy: Type.String(),
  uploadedAt: Type.Number(),
});
export type Material = Static<typeof Material>;

/** A classroom as people read it: with its school (classrooms of two schools share names). */
export const ClassroomName = Type.Object({
  classroomId: Type.String(),
  name: Type.String(),
  schoolId: Type.String(),
  schoolName: Type.String(),
  /** "高楼镇中心小学 · 三(1)班" */
  label: Type.String(),
});
export type ClassroomName = Static<typeof ClassroomName>;

/** The names behind a lesson's ids, from the timetable's records (absent ones left out). */
export const LessonNames = Type.Object({
  community: Type.Optional(Type.String()),
  teacher: Type.Optional(Type.String()),
  /** the core classroom first, then the member classrooms, in the lesson's order */
  classrooms: Type.Array(ClassroomName),
});
export type LessonNames = Static<typeof LessonNames>;

/** The lesson record the research room and the archive show beside the minutes. */
export const LessonView = Type.Object({
  lesson: LessonRecord,
  attendance: AttendanceReport,
  materials: Type.Array(Material),
  names: LessonNames,
  /** the quick questions asked in the lesson, and each classroom's answer (its log) */
  questions: Type.Optional(Type.Array(QuestionRecord)),
});
export type LessonView = Static<typeof LessonView>;

export const LessonSummary = Type.Object({
  occurrenceId: Type.String(),
  communityId: Type.String(),
  teacherId: Type.String(),
  subject: Type.String(),
  start: Type.String(),
  end: Type.String(),
  state: LessonState,
  /** the community's and the teacher's names, where the timetable has them */
  communityName: Type.Optional(Type.String()),
  teacherName: Type.Optional(Type.String()),
});
export type LessonSummary = Static<typeof LessonSummary>;

export const ExtendBody = Type.Object({
  /** the new planned end, ISO 8601 */
  until: Type.String({ format: 'date-time' }),
});
export type ExtendBody = Static<typeof ExtendBody>;

export const ErrorReply = Type.Object({
  error: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Unknown()),
});

/** `/lessons/:occurrenceId…` and `/research/:occurrenceId…` */
export const OccurrenceParams = Type.Object({ occurrenceId: Type.String({ minLength: 1 }) });
export type OccurrenceParams = Static<typeof OccurrenceParams>;

export const MaterialParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]+$' }) });
export type MaterialParams = Static<typeof MaterialParams>;

export const LessonListQuery = Type.Object({
  communityId: Type.String({ minLength: 1 }),
  teacherId: Type.Optional(Type.String()),
  state: Type.Optional(LessonState),
  /** a school day, yyyy-mm-dd, in the configured time zone */
  date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
});
export type LessonListQuery = Static<typeof LessonListQuery>;

/** Whether the bearer may join the live room now, and as what. */
export const JoinCheckReply = Type.Object({
  ok: Type.Boolean(),
  role: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  state: LessonState,
  /** the server's clock (ms since epoch): screens count down to the bell by it, not by the PC's */
  now: Type.Optional(Type.Number()),
});
export type JoinCheckReply = Static<typeof JoinCheckReply>;
