// Communities, schools, bell schedules, term calendars, classrooms, teachers: the records
// the 一张表 is built on. One schema per record, shared by the server, the store and the
// coordinator screen.
import { Type, type Static } from '@sinclair/typebox';

export const Id = Type.String({ minLength: 1, maxLength: 80, pattern: '^[A-Za-z0-9._:-]+$' });
export const IsoDate = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
  description: 'calendar date yyyy-mm-dd, school-local',
});
export const ClockTime = Type.String({
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  description: 'wall-clock time HH:MM, school-local',
});
/** ISO weekday: 1 = Monday … 7 = Sunday */
export const Weekday = Type.Integer({ minimum: 1, maximum: 7 });
const Name = Type.String({ minLength: 1, maxLength: 100 });

export const communityModes = ['融合型', '共建型', '协作型', '领办型', '5G+型', '互促型'] as const;
export const CommunityMode = Type.Union(communityModes.map((m) => Type.Literal(m)));
export type CommunityMode = Static<typeof CommunityMode>;

export const Stage = Type.Union([
  Type.Literal('primary'),
  Type.Literal('junior'),
  Type.Literal('mixed'),
]);
export type Stage = Static<typeof Stage>;

export const Community = Type.Object({
  id: Id,
  name: Name,
  mode: CommunityMode,
  stage: Stage,
  district: Type.String({ maxLength: 100 }),
  coreSchoolId: Id,
  memberSchoolIds: Type.Array(Id, { maxItems: 20 }),
});
export type Community = Static<typeof Community>;

export const Period = Type.Object({
  /** 第 n 节 */
  n: Type.Integer({ minimum: 1, maximum: 20 }),
  start: ClockTime,
  end: ClockTime,
});
export type Period = Static<typeof Period>;

export const BellSchedule = Type.Object({
  /** the periods of an ordinary day */
  periods: Type.Array(Period, { minItems: 1, maxItems: 20 }),
  /** days that ring differently (e.g. a short Friday afternoon) */
  byWeekday: Type.Optional(
    Type.Array(
      Type.Object({
        weekday: Weekday,
        periods: Type.Array(Period, { minItems: 1, maxItems: 20 }),
      }),
      { maxItems: 7 },
    ),
  ),
});
export type BellSchedule = Static<typeof BellSchedule>;

/** A working weekend day (调休) that teaches another weekday's timetable. */
export const MakeUpDay = Type.Object({ date: IsoDate, followsWeekday: Weekday });
export type MakeUpDay = Static<typeof MakeUpDay>;

export const TermCalendar = Type.Object({
  /** e.g. 2026-2027学年第一学期 */
  name: Name,
  firstDay: IsoDate,
  lastDay: IsoDate,
  holidays: Type.Array(IsoDate, { maxItems: 200 }),
  makeUpDays: Type.Array(MakeUpDay, { maxItems: 50 }),
});
export type TermCalendar = Static<typeof TermCalendar>;

export const School = Type.Object({
  id: Id,
  name: Name,
  district: Type.String({ maxLength: 100 }),
  /** 学区 where the source names one */
  area: Type.Optional(Type.String({ maxLength: 100 })),
  /** a 校区 of another school */
  campus: Type.Boolean(),
  stage: Stage,
  bellSchedule: BellSchedule,
  calendar: TermCalendar,
});
export type School = Static<typeof School>;

export const Classroom = Type.Object({
  id: Id,
  schoolId: Id,
  name: Name,
  /** where it is, e.g. 教学楼三楼 301 (the set-up screens) */
  room: Type.Optional(Type.String({ maxLength: 100 })),
  /** retired (ms since epoch): kept for the lessons that name it, offered for nothing new */
  retiredAt: Type.Optional(Type.Number()),
});
export type Classroom = Static<typeof Classroom>;

export const Teacher = Type.Object({
  id: Id,
  schoolId: Id,
  name: Name,
  subjects: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 10 }),
  /** mainland mobile number, 11 digits (the set-up screens and the bulk import) */
  phone: Type.Optional(Type.String({ pattern: '^1[3-9]\\d{9}$' })),
  /** retired (ms since epoch): kept for the lessons that name her, offered for nothing new */
  retiredAt: Type.Optional(Type.Number()),
});
export type Teacher = Static<typeof Teacher>;
