// The newcomer's community (同课体验教共体): a core school and a member school whose bell
// rings one extra period a few minutes after `npm start`, so the demo timetable has a lesson
// that opens while the newcomer watches. Pure: `now` and the zone come in, records go out.
// It stands beside the district's communities (communities.json), whose bells stay as the
// schools sent them: only these two schools' day is bent around the start time.
import type {
  BellSchedule,
  Classroom,
  Community,
  Period,
  School,
  Teacher,
  TermCalendar,
} from '../../shared/timetable/model';
import type { SeriesSpec } from '../../shared/timetable/series';
import { addDays, clockOf, epochToLocal, minutesOf, weekdayOf } from '../timetable/localTime';
import { demoBell, demoTerm } from './demoData';

export const tryoutId = 'tongke-demo';
const lessonMinutes = 40;

export interface Tryout {
  community: Community;
  schools: School[];
  classrooms: Classroom[];
  teachers: Teacher[];
  series: { id: string; communityId: string; spec: SeriesSpec };
  /** where the demo lesson falls: its date and wall-clock start and end */
  lesson: { date: string; start: string; end: string };
}

/**
 * When the lesson starts: its room opens (`openLeadMs` before) about three minutes from now,
 * on a five-minute mark. Too late in the evening for a lesson: tomorrow at 08:00.
 */
export function tryoutSlot(now: number, zone: string, openLeadMs: number) {
  const local = epochToLocal(now, zone);
  const opensIn = minutesOf(local.time) + Math.ceil(openLeadMs / 60_000) + 3;
  const start = Math.ceil(opensIn / 5) * 5;
  if (start + lessonMinutes < 24 * 60)
    return { date: local.date, start, end: start + lessonMinutes };
  return { date: addDays(local.date, 1), start: 8 * 60, end: 8 * 60 + lessonMinutes };
}

/** The day's periods with the demo period in, whatever it overlaps taken out. */
export function withPeriod(periods: readonly Period[], start: number, end: number) {
  const n = Math.min(20, Math.max(...periods.map((p) => p.n)) + 1);
  const kept = periods.filter((p) => minutesOf(p.end) <= start || minutesOf(p.start) >= end);
  const demo: Period = { n, start: clockOf(start), end: clockOf(end) };
  return {
    n,
    periods: [...kept, demo].sort((a, b) => minutesOf(a.start) - minutesOf(b.start)),
  };
}

/** The term, stretched to hold `date` as a teaching day (a weekend becomes a 调休 Monday). */
function termHolding(date: string): { calendar: TermCalendar; followsWeekday: number } {
  const term = demoTerm();
  const weekday = weekdayOf(date);
  const followsWeekday = weekday <= 5 ? weekday : 1;
  return {
    followsWeekday,
    calendar: {
      ...term,
      firstDay: date < term.firstDay ? date : term.firstDay,
      lastDay: date > term.lastDay ? date : term.lastDay,
      holidays: term.holidays.filter((d) => d !== date),
      makeUpDays: [
        ...term.makeUpDays.filter((m) => m.date !== date),
        ...(weekday > 5 ? [{ date, followsWeekday }] : []),
      ],
    },
  };
}

export function tryoutCommunity(
  now: number,
  zone: string,
  openLeadMs: number,
  district: string,
): Tryout {
  const slot = tryoutSlot(now, zone, openLeadMs);
  const { calendar, followsWeekday } = termHolding(slot.date);
  const bell = (offset: number): { schedule: BellSchedule; n: number } => {
    const base = demoBell(false, offset);
    const day = withPeriod(base.periods, slot.start, slot.end);
    return {
      n: day.n,
      schedule: { ...base, byWeekday: [{ weekday: followsWeekday, periods: day.periods }] },
    };
  };
  const coreBell = bell(0);
  const school = (id: string, name: string): School => ({
    id,
    name,
    district,
    campus: false,
    stage: 'primary',
    bellSchedule: bell(id.endsWith('core') ? 0 : 5).schedule,
    calendar,
  });
  const schools = [
    school(`${tryoutId}-core`, '同课体验小学'),
    school(`${tryoutId}-member`, '同课体验小学分校'),
  ];
  const classrooms: Classroom[] = [
    { id: `${tryoutId}-room-core`, schoolId: schools[0]!.id, name: '三(1)班', room: '教学楼二楼' },
    {
      id: `${tryoutId}-room-member`,
      schoolId: schools[1]!.id,
      name: '三(2)班',
      room: '综合楼一楼',
    },
  ];
  const teachers: Teacher[] = [
    { id: `${tryoutId}-t-wang`, schoolId: schools[0]!.id, name: '王老师', subjects: ['数学'] },
    { id: `${tryoutId}-t-zhao`, schoolId: schools[1]!.id, name: '赵老师', subjects: ['数学'] },
  ];
  return {
    community: {
      id: tryoutId,
      name: '同课体验教共体',
      mode: '共建型',
      stage: 'primary',
      district,
      coreSchoolId: schools[0]!.id,
      memberSchoolIds: [schools[1]!.id],
    },
    schools,
    classrooms,
    teachers,
    series: {
      id: `${tryoutId}-s1`,
      communityId: tryoutId,
      spec: {
        subject: '数学',
        teacherId: teachers[0]!.id,
        coreClassroomId: classrooms[0]!.id,
        memberClassroomIds: [classrooms[1]!.id],
        memberTeachers: [{ classroomId: classrooms[1]!.id, teacherId: teachers[1]!.id }],
        weekday: followsWeekday,
        period: coreBell.n,
        weeks: { kind: 'every' },
      },
    },
    lesson: { date: slot.date, start: clockOf(slot.start), end: clockOf(slot.end) },
  };
}
