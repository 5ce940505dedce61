// A small real community for the timetable tests: 瑞安市实验小学 (core) and 瑞安市高楼镇中心小学
// (member), autumn term 2026 with the official holidays and 调休 days from chinese-days.
import { officialDay } from '../../../../server/timetable/officialDays';
import type { BellSchedule, Classroom, School, Teacher } from '../../../../shared/timetable/model';
import type { SeriesSpec } from '../../../../shared/timetable/series';
import { officialCalendar } from '../../../../server/timetable/calendar';
import type { TimetableContext } from '../../../../server/timetable/conflicts';
import type { SeriesInput } from '../../../../server/timetable/expand';

export const zone = 'Asia/Shanghai';
export const term = officialCalendar(
  '2026-2027学年第一学期',
  '2026-09-01',
  '2027-01-22',
  officialDay,
);

export function bell(first: string, minutes: number, breakMin = 10, count = 7): BellSchedule {
  let t = Number(first.slice(0, 2)) * 60 + Number(first.slice(3));
  const clock = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const periods = [];
  for (let n = 1; n <= count; n++) {
    if (n === 5) t = 14 * 60; // afternoon
    periods.push({ n, start: clock(t), end: clock(t + minutes) });
    t += minutes + breakMin;
  }
  return { periods };
}

export const core: School = {
  id: 'sch-core',
  name: '瑞安市实验小学',
  district: '瑞安市',
  campus: false,
  stage: 'primary',
  bellSchedule: bell('08:00', 40), // 第2节 08:50–09:30
  calendar: term,
};
export const member: School = {
  id: 'sch-gaolou',
  name: '瑞安市高楼镇中心小学',
  district: '瑞安市',
  campus: false,
  stage: 'primary',
  bellSchedule: bell('08:05', 40), // 第2节 08:55–09:35: 35 of 40 minutes overlap
  calendar: term,
};
export const classrooms: Classroom[] = [
  { id: 'room-core-301', schoolId: core.id, name: '三(1)班' },
  { id: 'room-core-302', schoolId: core.id, name: '三(2)班' },
  { id: 'room-gaolou-1', schoolId: member.id, name: '三年级教室' },
  { id: 'room-gaolou-2', schoolId: member.id, name: '四年级教室' },
];
export const teachers: Teacher[] = [
  { id: 'teacher-wang', schoolId: core.id, name: '王老师', subjects: ['数学'] },
  { id: 'teacher-li', schoolId: core.id, name: '李老师', subjects: ['语文'] },
  { id: 'teacher-zhao', schoolId: member.id, name: '赵老师', subjects: ['数学'] },
];

export function context(schools: School[] = [core, member]): TimetableContext {
  return {
    zone,
    schools: new Map(schools.map((s) => [s.id, s])),
    classrooms: new Map(classrooms.map((c) => [c.id, c])),
    teachers: new Map(teachers.map((t) => [t.id, t])),
  };
}

export function spec(overrides: Partial<SeriesSpec> = {}): SeriesSpec {
  return {
    subject: '数学',
    teacherId: 'teacher-wang',
    coreClassroomId: 'room-core-301',
    memberClassroomIds: ['room-gaolou-1'],
    weekday: 2,
    period: 2,
    weeks: { kind: 'every' },
    ...overrides,
  };
}

export function series(id: string, overrides: Partial<SeriesSpec> = {}): SeriesInput {
  return { id, communityId: 'ruian-p-18', spec: spec(overrides), version: 1 };
}
