// The week grid as a table (for CSV and XLSX export): one block per school, classroom or
// teacher; rows are that school's periods, columns the days; a cell lists its lessons.
import type { GridOccurrence } from '../../shared/timetable/api';
import { periodMinutes, periodsOn } from './bellSchedule';
import type { TimetableContext } from './conflicts';
import { overlaps } from './interval';
import { minutesOf, weekdayOf } from './localTime';
import { teacherRole } from '../../shared/timetable/occurrence';

export type GridBy = 'school' | 'classroom' | 'teacher';

export interface GridBlock {
  title: string;
  rows: string[][];
}

const dayNames = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export function weekGrid(
  days: readonly string[],
  occurrences: readonly GridOccurrence[],
  by: GridBy,
  groupIds: readonly string[],
  ctx: TimetableContext,
): GridBlock[] {
  const room = (id: string) => ctx.classrooms.get(id)?.name ?? id;
  // Classrooms of different schools often share a name (三年级同步教室): a cell names each
  // with its school.
  const placed = (id: string) => {
    const c = ctx.classrooms.get(id);
    const school = c ? ctx.schools.get(c.schoolId)?.name : undefined;
    return school ? `${school} ${c!.name}` : room(id);
  };
  const teacher = (id: string) => ctx.teachers.get(id)?.name ?? id;
  // Weekends only when something is taught on them (调休 make-up days).
  const shown = days.filter((d) => weekdayOf(d) <= 5 || occurrences.some((o) => o.date === d));
  return groupIds.flatMap((id) => {
    const schoolId =
      by === 'school'
        ? id
        : by === 'classroom'
          ? ctx.classrooms.get(id)?.schoolId
          : ctx.teachers.get(id)?.schoolId;
    const school = schoolId ? ctx.schools.get(schoolId) : undefined;
    if (!school) return [];
    const rooms = (o: GridOccurrence) => [o.coreClassroomId, ...o.memberClassroomIds];
    const mine = occurrences.filter((o) =>
      by === 'teacher'
        ? teacherRole(id, o) !== undefined
        : by === 'classroom'
          ? rooms(o).includes(id)
          : rooms(o).some((r) => ctx.classrooms.get(r)?.schoolId === id),
    );
    const title =
      by === 'school'
        ? school.name
        : `${school.name} ${by === 'classroom' ? room(id) : teacher(id)}`;
    const header = ['节次', ...shown.map((d) => `${dayNames[weekdayOf(d)]} ${d.slice(5)}`)];
    const rows = periodsOn(school.bellSchedule, 1).map((p) => {
      const slot = periodMinutes(p);
      const cells = shown.map((d) =>
        mine
          .filter(
            (o) =>
              o.date === d &&
              overlaps(slot, { start: minutesOf(o.clock.start), end: minutesOf(o.clock.end) }),
          )
          .map(
            (o) =>
              `${o.status === 'cancelled' ? '[停课] ' : ''}${o.subject} ${teacher(o.teacherId)} ${placed(o.coreClassroomId)} → ${o.memberClassroomIds.map(placed).join('、')}`,
          )
          .join('\n'),
      );
      return [`第${p.n}节 ${p.start}-${p.end}`, ...cells];
    });
    return [{ title, rows: [header, ...rows] }];
  });
}
