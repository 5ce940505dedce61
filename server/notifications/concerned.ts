// Which change concerns whom: pure rules from a timetable event (or a lesson that went live
// without a classroom) to the notices it makes, one per person or desk concerned. `now`
// decides what is still worth telling: a change to a lesson that is over concerns nobody.
import type { NoticeKind } from '../../shared/notifications';
import type { MemberTeacher } from '../../shared/timetable/series';
import type { ScheduledOccurrence } from '../../shared/timetable/occurrence';
import type { OccurrenceChangedEvent, TimetableEvent } from '../timetable/timetableEvents';

export interface NoticeDraft {
  audience: string;
  communityId: string;
  kind: NoticeKind;
  params: Record<string, string>;
  occurrenceId?: string;
  seriesId?: string;
}

/** The names a notice's words need, looked up by the caller. */
export interface Names {
  zone: string;
  teacher(id: string): string;
  school(id: string): string;
  /** "school room", as a teacher of another school reads it */
  classroom(id: string): string;
}

export const teacherAudience = (id: string) => `teacher:${id}`;
export const coordinatorAudience = (communityId: string) => `coordinator:${communityId}`;
export const schoolAudience = (id: string) => `school:${id}`;

const weekdays = '一二三四五六日';
export const slotText = (weekday: number, period: number) =>
  `星期${weekdays[weekday - 1] ?? weekday} 第${period}节`;

/** "2026-09-08 08:00" in the community's zone. */
export function localTime(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(ms));
}

export function concernedBy(event: TimetableEvent, names: Names, now: number): NoticeDraft[] {
  switch (event.kind) {
    case 'proposed': {
      const slot = slotText(event.weekday, event.period);
      const base = { communityId: event.communityId, seriesId: event.seriesId };
      const kind = 'proposal_waiting' as const;
      const params = (school: string) => ({ subject: event.subject, slot, school });
      if (event.schoolIds.length === 0) return [];
      return [
        ...event.schoolIds.map((id) => ({
          ...base,
          kind,
          audience: schoolAudience(id),
          params: params(names.school(id)),
        })),
        {
          ...base,
          kind,
          audience: coordinatorAudience(event.communityId),
          params: params(event.schoolIds.map((id) => names.school(id)).join('、')),
        },
      ];
    }
    case 'published':
      return event.series.flatMap((s) =>
        newlyAssigned(s.before, s.memberTeachers).map((m) => ({
          audience: teacherAudience(m.teacherId),
          communityId: event.communityId,
          kind: 'member_teacher_assigned' as const,
          seriesId: s.seriesId,
          params: {
            subject: s.subject,
            slot: slotText(s.weekday, s.period),
            classroom: names.classroom(m.classroomId),
          },
        })),
      );
    case 'occurrence_changed':
      return occurrenceChanged(event, names, now);
  }
}

/** 辅导教师 named now who were not named for that classroom before. */
export function newlyAssigned(
  before: readonly MemberTeacher[],
  after: readonly MemberTeacher[],
): MemberTeacher[] {
  const had = new Set(before.map((m) => `${m.classroomId}/${m.teacherId}`));
  return after.filter((m) => !had.has(`${m.classroomId}/${m.teacherId}`));
}

/** What one occurrence change is, as its teachers read it; undefined when nothing changed. */
export function changeKind(
  previous: OccurrenceChangedEvent['previous'],
  next: OccurrenceChangedEvent['override'],
): NoticeKind | undefined {
  const was = { cancelled: previous?.cancelled ?? false, ...previous };
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (next.cancelled && !was.cancelled) return 'lesson_cancelled';
  if (next.moveTo && !same(next.moveTo, was.moveTo)) return 'lesson_moved';
  if (next.substituteTeacherId && next.substituteTeacherId !== was.substituteTeacherId)
    return 'lesson_substituted';
  const changed =
    next.cancelled !== was.cancelled ||
    !same(next.moveTo, was.moveTo) ||
    !same(next.substituteTeacherId, was.substituteTeacherId);
  return changed ? 'lesson_restored' : undefined;
}

function occurrenceChanged(e: OccurrenceChangedEvent, names: Names, now: number): NoticeDraft[] {
  const kind = changeKind(e.previous, e.override);
  if (!kind || e.end <= now) return [];
  const teachers = new Set(
    [
      e.teacherId,
      e.previous?.substituteTeacherId,
      e.override.substituteTeacherId,
      ...e.memberTeachers.map((m) => m.teacherId),
    ].filter((t): t is string => !!t),
  );
  const params: Record<string, string> = { subject: e.subject, date: e.date };
  if (kind === 'lesson_moved') params.to = localTime(e.start, names.zone);
  if (kind === 'lesson_substituted')
    params.teacher = names.teacher(e.override.substituteTeacherId!);
  if (e.override.note) params.note = e.override.note;
  return [...teachers].map((t) => ({
    audience: teacherAudience(t),
    communityId: e.communityId,
    kind,
    params,
    occurrenceId: e.occurrenceId,
    seriesId: e.seriesId,
  }));
}

/**
 * A lesson that went live while member classrooms were absent: the coordinator and the
 * teacher hear of each, while the lesson is still on (an ended one is past helping).
 */
export function missingAtStart(
  o: ScheduledOccurrence,
  absent: readonly string[],
  names: Names,
  now: number,
): NoticeDraft[] {
  if (Date.parse(o.end) <= now || o.status === 'cancelled') return [];
  return absent
    .filter((c) => o.memberClassroomIds.includes(c))
    .flatMap((c) =>
      [coordinatorAudience(o.communityId), teacherAudience(o.teacherId)].map((audience) => ({
        audience,
        communityId: o.communityId,
        kind: 'classroom_missing' as const,
        params: { subject: o.subject, classroom: names.classroom(c) },
        occurrenceId: o.occurrenceId,
        seriesId: o.seriesId,
      })),
    );
}
