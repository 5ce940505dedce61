// The district's evaluation (捆绑考核): the figures of each lesson, their totals per
// district, community, school and teacher over a date range, the 评课 rubric and reviews.
// Times are ms since epoch unless a field says otherwise.
import { Type, type Static } from '@sinclair/typebox';
import { QualityGrade, QualityIssue } from './lessons';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** A report's range: school days from → to, both included, in the server's time zone. */
export const ReportQuery = Type.Object(
  {
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type ReportQuery = Static<typeof ReportQuery>;

export const ReportRange = Type.Object({
  from: IsoDate,
  to: IsoDate,
  /** the term it is, when the range is a term's */
  term: Type.Optional(Type.String()),
});
export type ReportRange = Static<typeof ReportRange>;

/** How one lesson went, as the record says. */
export const LessonOutcome = Type.Union([
  /** the teacher went live */
  Type.Literal('held'),
  Type.Literal('cancelled'),
  /** its time is over and nobody went live */
  Type.Literal('missed'),
  /** still to come, or running now */
  Type.Literal('upcoming'),
]);
export type LessonOutcome = Static<typeof LessonOutcome>;

export const lessonOutcomeLabels: Record<LessonOutcome, string> = {
  held: '已开课',
  cancelled: '已停课',
  missed: '未开课',
  upcoming: '未到时间',
};

/** The minutes' sections by kind: the member classrooms' sections count as one kind. */
export const SectionKind = Type.Union([
  Type.Literal('core'),
  Type.Literal('member'),
  Type.Literal('problems'),
  Type.Literal('nextSteps'),
]);
export type SectionKind = Static<typeof SectionKind>;

export const sectionKindLabels: Record<SectionKind, string> = {
  core: '主讲课堂观察',
  member: '听讲课堂观察',
  problems: '存在问题',
  nextSteps: '改进措施',
};

export const ClassroomFacts = Type.Object({
  classroomId: Type.String(),
  /** absent when the timetable no longer knows the classroom */
  schoolId: Type.Optional(Type.String()),
  side: Type.Union([Type.Literal('core'), Type.Literal('member')]),
  attended: Type.Boolean(),
  minutesConnected: Type.Integer(),
  grade: QualityGrade,
  issues: Type.Array(QualityIssue),
});
export type ClassroomFacts = Static<typeof ClassroomFacts>;

/**
 * One lesson's figures, read once from its record, attendance, minutes and material. Kept
 * (`final`) once nothing can change them any more, so a term's report folds kept facts
 * instead of replaying every lesson's attendance events.
 */
export const LessonFacts = Type.Object({
  occurrenceId: Type.String(),
  seriesId: Type.String(),
  communityId: Type.String(),
  subject: Type.String(),
  teacherId: Type.String(),
  /** 辅导教师 of member classrooms, where named */
  memberTeacherIds: Type.Array(Type.String()),
  start: Type.Number(),
  end: Type.Number(),
  outcome: LessonOutcome,
  moved: Type.Boolean(),
  substituted: Type.Boolean(),
  /** the lesson's planned minutes (its scheduled length) */
  plannedMinutes: Type.Integer(),
  /** the core classroom, then the member classrooms; attendance only for held lessons */
  classrooms: Type.Array(ClassroomFacts),
  research: Type.Object({
    held: Type.Boolean(),
    /** per section: its kind and whether anything was written in it */
    sections: Type.Array(Type.Object({ kind: SectionKind, filled: Type.Boolean() })),
  }),
  materials: Type.Integer(),
  final: Type.Boolean(),
});
export type LessonFacts = Static<typeof LessonFacts>;

export const LessonCounts = Type.Object({
  /** every lesson of the published timetable in the range, cancelled ones included */
  scheduled: Type.Integer(),
  held: Type.Integer(),
  cancelled: Type.Integer(),
  /** moved to another day or period (调课) */
  moved: Type.Integer(),
  missed: Type.Integer(),
  upcoming: Type.Integer(),
  /** taught by a substitute (代课) */
  substituted: Type.Integer(),
});
export type LessonCounts = Static<typeof LessonCounts>;

export const AttendanceTotals = Type.Object({
  /** member classrooms of held lessons: classroom-lessons expected */
  expected: Type.Integer(),
  attended: Type.Integer(),
  /** attended / expected, percent with one decimal; 0 when nothing was expected */
  ratePct: Type.Number(),
  minutesConnected: Type.Integer(),
  minutesPlanned: Type.Integer(),
});
export type AttendanceTotals = Static<typeof AttendanceTotals>;

export const QualityTotals = Type.Object({
  /** attended classroom-lessons by grade */
  good: Type.Integer(),
  fair: Type.Integer(),
  poor: Type.Integer(),
  none: Type.Integer(),
  /** how many classroom-lessons had each issue */
  issues: Type.Record(Type.String(), Type.Integer()),
});
export type QualityTotals = Static<typeof QualityTotals>;

export const ResearchTotals = Type.Object({
  held: Type.Integer(),
  sections: Type.Integer(),
  filled: Type.Integer(),
  /** filled / sections, percent with one decimal */
  completedPct: Type.Number(),
  bySection: Type.Record(
    Type.String(),
    Type.Object({ sections: Type.Integer(), filled: Type.Integer() }),
  ),
});
export type ResearchTotals = Static<typeof ResearchTotals>;

export const ReviewTotals = Type.Object({
  count: Type.Integer(),
  lessonsReviewed: Type.Integer(),
  /** the reviews' scores as a percentage of their rubric's maximum; 0 without reviews */
  avgScorePct: Type.Number(),
});
export type ReviewTotals = Static<typeof ReviewTotals>;

export const Totals = Type.Object({
  lessons: LessonCounts,
  attendance: AttendanceTotals,
  quality: QualityTotals,
  research: ResearchTotals,
  /** held lessons with any material attached, and the items */
  materials: Type.Object({ lessons: Type.Integer(), items: Type.Integer() }),
  reviews: ReviewTotals,
});
export type Totals = Static<typeof Totals>;

export const WeekFigures = Type.Object({
  /** the Monday, yyyy-mm-dd */
  week: IsoDate,
  scheduled: Type.Integer(),
  held: Type.Integer(),
});
export type WeekFigures = Static<typeof WeekFigures>;

const Named = { name: Type.String() };

export const DistrictReport = Type.Object({
  range: ReportRange,
  generatedAt: Type.Number(),
  totals: Totals,
  weeks: Type.Array(WeekFigures),
  communities: Type.Array(
    Type.Object({ communityId: Type.String(), ...Named, district: Type.String(), totals: Totals }),
  ),
});
export type DistrictReport = Static<typeof DistrictReport>;

/** A lesson as a report row: its facts with its people's names and its reviews. */
export const LessonRow = Type.Object({
  facts: LessonFacts,
  teacherName: Type.Optional(Type.String()),
  reviews: Type.Object({ count: Type.Integer(), avgScorePct: Type.Number() }),
});
export type LessonRow = Static<typeof LessonRow>;

export const SchoolRow = Type.Object({
  schoolId: Type.String(),
  ...Named,
  role: Type.Union([Type.Literal('core'), Type.Literal('member')]),
  totals: Totals,
});
export type SchoolRow = Static<typeof SchoolRow>;

export const TeacherRow = Type.Object({
  teacherId: Type.String(),
  ...Named,
  schoolId: Type.Optional(Type.String()),
  /** the lessons she taught (主讲) */
  totals: Totals,
  /** held lessons in which she kept a member classroom (辅导) */
  assistedHeld: Type.Integer(),
});
export type TeacherRow = Static<typeof TeacherRow>;

export const CommunityReport = Type.Object({
  range: ReportRange,
  generatedAt: Type.Number(),
  communityId: Type.String(),
  ...Named,
  totals: Totals,
  weeks: Type.Array(WeekFigures),
  schools: Type.Array(SchoolRow),
  teachers: Type.Array(TeacherRow),
  lessons: Type.Array(LessonRow),
});
export type CommunityReport = Static<typeof CommunityReport>;

export const SchoolReport = Type.Object({
  range: ReportRange,
  generatedAt: Type.Number(),
  communityId: Type.String(),
  school: SchoolRow,
  classrooms: Type.Array(
    Type.Object({
      classroomId: Type.String(),
      ...Named,
      side: Type.Union([Type.Literal('core'), Type.Literal('member')]),
      expected: Type.Integer(),
      attended: Type.Integer(),
      ratePct: Type.Number(),
      minutesConnected: Type.Integer(),
      poor: Type.Integer(),
    }),
  ),
  lessons: Type.Array(LessonRow),
});
export type SchoolReport = Static<typeof SchoolReport>;

// 评课: the rubric and the reviews.

export const RubricCriterion = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9_-]+$' }),
  label: Type.String({ minLength: 1, maxLength: 100 }),
  maxScore: Type.Integer({ minimum: 1, maximum: 100 }),
});
export type RubricCriterion = Static<typeof RubricCriterion>;

export const Rubric = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  criteria: Type.Array(RubricCriterion, { minItems: 1, maxItems: 12 }),
});
export type Rubric = Static<typeof Rubric>;

/** What a district uses unless it or the community sets its own. */
export const defaultRubric: Rubric = {
  name: '同步课堂评课表',
  criteria: [
    { id: 'design', label: '教学设计 lesson design', maxScore: 5 },
    { id: 'interaction', label: '双边互动 both classrooms taking part', maxScore: 5 },
    { id: 'media', label: '音视频效果 picture and sound', maxScore: 5 },
    { id: 'outcome', label: '教学效果 learning outcome', maxScore: 5 },
  ],
};

export const RubricScope = Type.Union([Type.Literal('community'), Type.Literal('district')]);
export type RubricScope = Static<typeof RubricScope>;

export const RubricParams = Type.Object({
  scope: RubricScope,
  /** the community's id, or the district's name */
  id: Type.String({ minLength: 1, maxLength: 100 }),
});
export type RubricParams = Static<typeof RubricParams>;

export const RubricReply = Type.Object({
  rubric: Rubric,
  /** where it comes from */
  source: Type.Union([
    Type.Literal('community'),
    Type.Literal('district'),
    Type.Literal('default'),
  ]),
});
export type RubricReply = Static<typeof RubricReply>;

export const ReviewBody = Type.Object(
  {
    scores: Type.Array(
      Type.Object(
        {
          criterion: Type.String({ minLength: 1, maxLength: 40 }),
          score: Type.Integer({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 12 },
    ),
    comment: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type ReviewBody = Static<typeof ReviewBody>;

export const Review = Type.Object({
  id: Type.String(),
  occurrenceId: Type.String(),
  communityId: Type.String(),
  /** the lesson's scheduled start, for range queries */
  lessonStart: Type.Number(),
  reviewer: Type.String(),
  reviewerName: Type.String(),
  at: Type.Number(),
  rubric: Rubric,
  scores: Type.Array(Type.Object({ criterion: Type.String(), score: Type.Integer() })),
  comment: Type.String(),
});
export type Review = Static<typeof Review>;

export const CommunityParams = Type.Object({ communityId: Type.String({ minLength: 1 }) });
export type CommunityParams = Static<typeof CommunityParams>;

export const SchoolParams = Type.Object({
  communityId: Type.String({ minLength: 1 }),
  schoolId: Type.String({ minLength: 1 }),
});
export type SchoolParams = Static<typeof SchoolParams>;

export const LessonDetail = Type.Object({
  row: LessonRow,
  communityName: Type.Optional(Type.String()),
  classroomNames: Type.Record(Type.String(), Type.String()),
  reviews: Type.Array(Review),
  rubric: Rubric,
});
export type LessonDetail = Static<typeof LessonDetail>;
