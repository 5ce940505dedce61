// The demo district built from server/demo/communities.json (real community and school
// names from the seed documents): schools with their own bells, the autumn 2026 term with
// the official holidays, classrooms, teachers and a few synchronized series per community.
// Pure: the seed decides what to write and when.
import { createHash } from 'node:crypto';
import { officialDay } from '../timetable/officialDays';
import type {
  BellSchedule,
  Classroom,
  Community,
  CommunityMode,
  School,
  Stage,
  Teacher,
} from '../../shared/timetable/model';
import type { SeriesSpec } from '../../shared/timetable/series';
import { officialCalendar } from '../timetable/calendar';
import { clockOf } from '../timetable/localTime';

interface SourceSchool {
  name: string;
  area: string | null;
  campus?: boolean;
}
export interface SourceData {
  districts: {
    name: string;
    communities: {
      id: string;
      stage: Stage;
      mode: CommunityMode;
      core: SourceSchool;
      members: SourceSchool[];
    }[];
  }[];
}

export interface DemoData {
  communities: Community[];
  schools: School[];
  classrooms: Classroom[];
  teachers: Teacher[];
  /** series to publish, by community */
  series: { id: string; communityId: string; spec: SeriesSpec }[];
}

const schoolId = (district: string, name: string) =>
  `sch-${createHash('sha1').update(`${district}/${name}`).digest('hex').slice(0, 10)}`;

/** Primary 40 min, junior 45 min; a member school rings a few minutes after the core. */
export function demoBell(junior: boolean, offsetMin: number): BellSchedule {
  const length = junior ? 45 : 40;
  const periods = [];
  let t = 8 * 60 + offsetMin;
  for (let n = 1; n <= 7; n++) {
    if (n === 5) t = 14 * 60 + offsetMin;
    periods.push({ n, start: clockOf(t), end: clockOf(t + length) });
    t += length + 10;
  }
  return { periods };
}

export function demoTerm() {
  const term = officialCalendar('2026-2027学年第一学期', '2026-09-01', '2027-01-22', officialDay);
  // chinese-days 1.5.7 has no 2027 arrangement yet; New Year's Day is a holiday by law.
  return { ...term, holidays: [...term.holidays, '2027-01-01'] };
}

const slots: { subject: string; weekday: number; period: number; weeks: SeriesSpec['weeks'] }[] = [
  { subject: '数学', weekday: 2, period: 2, weeks: { kind: 'every' } },
  { subject: '语文', weekday: 4, period: 3, weeks: { kind: 'every' } },
  { subject: '英语', weekday: 1, period: 5, weeks: { kind: 'odd' } },
];
const teacherNames = ['王老师', '李老师', '陈老师'];
/** member schools' 辅导教师, by surname */
const helperNames = ['赵', '周', '吴', '郑', '孙', '林'];

export function demoData(source: SourceData): DemoData {
  const term = demoTerm();
  const schools = new Map<string, School>();
  const data: DemoData = { communities: [], schools: [], classrooms: [], teachers: [], series: [] };
  const ledBefore = new Map<string, number>();

  const school = (district: string, s: SourceSchool, stage: Stage, core: boolean): School => {
    const id = schoolId(district, s.name);
    let found = schools.get(id);
    if (!found) {
      const junior = stage === 'junior' || /中学/.test(s.name);
      found = {
        id,
        name: s.name,
        district,
        ...(s.area ? { area: s.area } : {}),
        campus: Boolean(s.campus),
        stage,
        bellSchedule: demoBell(junior, core ? 0 : 5),
        calendar: term,
      };
      schools.set(id, found);
    }
    return found;
  };

  for (const district of source.districts) {
    for (const c of district.communities) {
      const core = school(district.name, c.core, c.stage, true);
      const members = c.members.map((m) => school(district.name, m, c.stage, false));
      data.communities.push({
        id: c.id,
        name: `${c.core.name}${c.mode}共同体`,
        mode: c.mode,
        stage: c.stage,
        district: district.name,
        coreSchoolId: core.id,
        memberSchoolIds: members.map((m) => m.id),
      });
      // A core leading a second community teaches it from other rooms, two periods later.
      const nth = ledBefore.get(core.id) ?? 0;
      ledBefore.set(core.id, nth + 1);
      const grade = c.stage === 'junior' ? '七' : '三';
      const coreRoom = { id: `${c.id}-core`, schoolId: core.id, name: `${grade}(${nth + 1})班` };
      // Member classrooms take distinct class numbers, so that even where a screen shows a
      // classroom without its school, the classrooms of one lesson stay apart.
      const memberRooms = members.map((m, i) => ({
        id: `${c.id}-m${i + 1}`,
        schoolId: m.id,
        name: `${grade}(${i + 1})班`,
      }));
      data.classrooms.push(coreRoom, ...memberRooms);
      const teachers = teacherNames.map((name, i) => ({
        id: `${c.id}-t${i + 1}`,
        schoolId: core.id,
        name,
        subjects: [slots[i]!.subject],
      }));
      // Each member classroom's 辅导教师, named on the first lesson of the week.
      const helpers = memberRooms.map((room, i) => ({
        id: `${c.id}-m${i + 1}-t1`,
        schoolId: room.schoolId,
        name: `${helperNames[i % helperNames.length]}老师`,
        subjects: [slots[0]!.subject],
      }));
      data.teachers.push(...teachers, ...helpers);
      slots.forEach((slot, i) =>
        data.series.push({
          id: `${c.id}-s${i + 1}`,
          communityId: c.id,
          spec: {
            subject: slot.subject,
            teacherId: teachers[i]!.id,
            coreClassroomId: coreRoom.id,
            memberClassroomIds: memberRooms.map((r) => r.id),
            ...(i === 0
              ? {
                  memberTeachers: memberRooms.map((r, j) => ({
                    classroomId: r.id,
                    teacherId: helpers[j]!.id,
                  })),
                }
              : {}),
            weekday: slot.weekday,
            period: Math.min(7, slot.period + nth * 2),
            weeks: slot.weeks,
          },
        }),
      );
    }
  }
  data.schools = [...schools.values()];
  return data;
}
