// The evaluation's reports as pure functions over lesson facts, reviews and the names of
// the timetable: the district (every community), one community (its schools, teachers and
// lessons) and one school (its classrooms and lessons).
import type {
  CommunityReport,
  DistrictReport,
  LessonFacts,
  LessonRow,
  SchoolReport,
  SchoolRow,
  TeacherRow,
  WeekFigures,
} from '../../shared/evaluation';
import type { Classroom, Community, School, Teacher } from '../../shared/timetable/model';
import type { ReportRange } from '../../shared/evaluation';
import { TotalsBuilder, totalsOf, type ReviewFigures } from './totals';
import { weekOf } from './range';

/** The timetable's records the reports name things by. */
export interface Directory {
  communities: ReadonlyMap<string, Community>;
  schools: ReadonlyMap<string, School>;
  classrooms: ReadonlyMap<string, Classroom>;
  teachers: ReadonlyMap<string, Teacher>;
}

export interface ReportInput {
  range: ReportRange;
  /** facts of the lessons in the range, any community order */
  facts: readonly LessonFacts[];
  reviews: ReadonlyMap<string, ReviewFigures>;
  directory: Directory;
  zone: string;
  now: number;
}

const byStart = (a: LessonFacts, b: LessonFacts) =>
  a.start - b.start || a.occurrenceId.localeCompare(b.occurrenceId);

export function weeksOf(facts: readonly LessonFacts[], zone: string): WeekFigures[] {
  const weeks = new Map<string, WeekFigures>();
  for (const f of facts) {
    const week = weekOf(f.start, zone);
    const w = weeks.get(week) ?? { week, scheduled: 0, held: 0 };
    w.scheduled += 1;
    if (f.outcome === 'held') w.held += 1;
    weeks.set(week, w);
  }
  return [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
}

export function groupByCommunity(facts: readonly LessonFacts[]): Map<string, LessonFacts[]> {
  const by = new Map<string, LessonFacts[]>();
  for (const f of facts) {
    const list = by.get(f.communityId);
    if (list) list.push(f);
    else by.set(f.communityId, [f]);
  }
  return by;
}

export function districtReport(
  input: ReportInput,
  communityIds: readonly string[],
): DistrictReport {
  const by = groupByCommunity(input.facts);
  const all = new TotalsBuilder();
  const communities = communityIds.map((id) => {
    const c = input.directory.communities.get(id);
    const facts = by.get(id) ?? [];
    const b = new TotalsBuilder();
    for (const f of facts) {
      const r = input.reviews.get(f.occurrenceId);
      b.add(f, r);
      all.add(f, r);
    }
    return { communityId: id, name: c?.name ?? id, district: c?.district ?? '', totals: b.build() };
  });
  return {
    range: input.range,
    generatedAt: input.now,
    totals: all.build(),
    weeks: weeksOf(
      input.facts.filter((f) => communityIds.includes(f.communityId)),
      input.zone,
    ),
    communities,
  };
}

function lessonRow(f: LessonFacts, input: ReportInput): LessonRow {
  const r = input.reviews.get(f.occurrenceId);
  const teacherName = input.directory.teachers.get(f.teacherId)?.name;
  return {
    facts: f,
    ...(teacherName ? { teacherName } : {}),
    reviews: {
      count: r?.count ?? 0,
      avgScorePct: r && r.count > 0 ? Math.round((r.shareSum / r.count) * 1000) / 10 : 0,
    },
  };
}

/** A school takes part in a lesson when one of its classrooms does. */
const schoolTakesPart = (f: LessonFacts, schoolId: string) =>
  f.classrooms.some((c) => c.schoolId === schoolId);

function schoolRow(
  school: { id: string; name: string },
  role: 'core' | 'member',
  facts: readonly LessonFacts[],
  input: ReportInput,
): SchoolRow {
  const mine = facts.filter((f) => schoolTakesPart(f, school.id));
  return {
    schoolId: school.id,
    name: school.name,
    role,
    totals: totalsOf(mine, input.reviews, (c) => c.schoolId === school.id),
  };
}

function teacherRows(facts: readonly LessonFacts[], input: ReportInput): TeacherRow[] {
  const ids = new Set<string>();
  for (const f of facts) {
    ids.add(f.teacherId);
    for (const t of f.memberTeacherIds) ids.add(t);
  }
  return [...ids]
    .map((id) => {
      const t = input.directory.teachers.get(id);
      return {
        teacherId: id,
        name: t?.name ?? id,
        ...(t ? { schoolId: t.schoolId } : {}),
        totals: totalsOf(
          facts.filter((f) => f.teacherId === id),
          input.reviews,
        ),
        assistedHeld: facts.filter((f) => f.outcome === 'held' && f.memberTeacherIds.includes(id))
          .length,
      };
    })
    .sort((a, b) => b.totals.lessons.held - a.totals.lessons.held || a.name.localeCompare(b.name));
}

export function communityReport(input: ReportInput, communityId: string): CommunityReport {
  const facts = input.facts.filter((f) => f.communityId === communityId).sort(byStart);
  const c = input.directory.communities.get(communityId);
  const schools = c
    ? [
        ['core', c.coreSchoolId] as const,
        ...c.memberSchoolIds.map((id) => ['member', id] as const),
      ].map(([role, id]) =>
        schoolRow({ id, name: input.directory.schools.get(id)?.name ?? id }, role, facts, input),
      )
    : [];
  return {
    range: input.range,
    generatedAt: input.now,
    communityId,
    name: c?.name ?? communityId,
    totals: totalsOf(facts, input.reviews),
    weeks: weeksOf(facts, input.zone),
    schools,
    teachers: teacherRows(facts, input),
    lessons: facts.map((f) => lessonRow(f, input)),
  };
}

export function schoolReport(
  input: ReportInput,
  communityId: string,
  schoolId: string,
): SchoolReport | undefined {
  const c = input.directory.communities.get(communityId);
  if (!c) return undefined;
  const role = c.coreSchoolId === schoolId ? 'core' : 'member';
  if (role === 'member' && !c.memberSchoolIds.includes(schoolId)) return undefined;
  const facts = input.facts
    .filter((f) => f.communityId === communityId)
    .filter((f) => schoolTakesPart(f, schoolId))
    .sort(byStart);
  const school = { id: schoolId, name: input.directory.schools.get(schoolId)?.name ?? schoolId };
  const rooms = new Map<string, SchoolReport['classrooms'][number]>();
  for (const f of facts) {
    if (f.outcome !== 'held') continue;
    for (const cf of f.classrooms) {
      if (cf.schoolId !== schoolId) continue;
      const row = rooms.get(cf.classroomId) ?? {
        classroomId: cf.classroomId,
        name: input.directory.classrooms.get(cf.classroomId)?.name ?? cf.classroomId,
        side: cf.side,
        expected: 0,
        attended: 0,
        ratePct: 0,
        minutesConnected: 0,
        poor: 0,
      };
      row.expected += 1;
      if (cf.attended) {
        row.attended += 1;
        row.minutesConnected += cf.minutesConnected;
        if (cf.grade === 'poor') row.poor += 1;
      }
      rooms.set(cf.classroomId, row);
    }
  }
  for (const r of rooms.values())
    r.ratePct = r.expected ? Math.round((r.attended / r.expected) * 1000) / 10 : 0;
  return {
    range: input.range,
    generatedAt: input.now,
    communityId,
    school: schoolRow(school, role, facts, input),
    classrooms: [...rooms.values()].sort((a, b) => a.name.localeCompare(b.name)),
    lessons: facts.map((f) => lessonRow(f, input)),
  };
}
