// One lesson's figures for the evaluation, as a pure function of what the timetable planned,
// what the lesson clock recorded, who was connected, what the minutes say and how much
// material was attached. `now` decides what is still to come and what can no longer change.
import type { AttendanceReport, LessonRecord } from '../../shared/lessons';
import type { MinutesSection } from '../../shared/research';
import type { LessonFacts, LessonOutcome, SectionKind } from '../../shared/evaluation';
import type { ScheduledOccurrence } from '../../shared/timetable/occurrence';

/** A lesson of the published timetable, as the evaluation reads it. */
export interface PlannedLesson {
  occurrence: ScheduledOccurrence;
  moved: boolean;
  substituted: boolean;
}

export interface FactsInput {
  /** absent for a lesson the timetable no longer has (its record still counts) */
  plan?: PlannedLesson;
  record?: LessonRecord;
  attendance?: AttendanceReport;
  minutes?: { sections: readonly MinutesSection[]; text: Readonly<Record<string, string>> };
  materials: number;
  schoolOf: (classroomId: string) => string | undefined;
}

/** After this long a lesson without a record is not run any more (the clock looks back 6 h). */
export const SETTLED_AFTER_MS = 24 * 60 * 60_000;

export function sectionKind(key: string): SectionKind {
  if (key.startsWith('member:')) return 'member';
  return key === 'core' || key === 'problems' || key === 'nextSteps' ? key : 'problems';
}

const wentLive = (r: LessonRecord | undefined) =>
  r?.transitions.some((t) => t.to === 'live') ?? false;

/**
 * The clock takes every lesson live at its bell, so "live" alone says little: a lesson was
 * held when its core classroom (the teacher broadcasts from it) was connected.
 */
function outcomeOf(input: FactsInput, end: number, now: number): LessonOutcome {
  const { record, plan } = input;
  if (wentLive(record)) {
    const core = input.attendance?.classrooms.find((c) => c.side === 'core');
    if (!core || !core.absent) return 'held';
    return record!.state === 'live' ? 'upcoming' : 'missed';
  }
  if (plan?.occurrence.status === 'cancelled') return 'cancelled';
  if (record?.transitions.some((t) => t.cause === 'cancelled')) return 'cancelled';
  if (record?.state === 'archived') return 'missed';
  return end <= now && !(record && record.state === 'open') ? 'missed' : 'upcoming';
}

export function lessonFacts(input: FactsInput, now: number): LessonFacts {
  const { record, plan } = input;
  // A held lesson is what it was when it ran; one to come is what the timetable says now.
  const o = (wentLive(record) ? record?.occurrence : plan?.occurrence) ?? record?.occurrence;
  if (!o) throw new TypeError('lessonFacts needs a plan or a record');
  const start = Date.parse(o.start);
  const end = Date.parse(o.end);
  const outcome = outcomeOf(input, end, now);
  // Every classroom of the lesson, so a school's lessons are found whether held or not.
  const seen = new Map(
    outcome === 'held' ? (input.attendance?.classrooms ?? []).map((c) => [c.classroomId, c]) : [],
  );
  const classrooms = [
    [o.coreClassroomId, 'core'] as const,
    ...o.memberClassroomIds.map((id) => [id, 'member'] as const),
  ].map(([classroomId, side]) => {
    const schoolId = input.schoolOf(classroomId);
    const c = seen.get(classroomId);
    return {
      classroomId,
      ...(schoolId ? { schoolId } : {}),
      side,
      attended: c ? !c.absent : false,
      minutesConnected: c?.minutesConnected ?? 0,
      grade: c?.quality.grade ?? ('none' as const),
      issues: c ? [...c.quality.issues] : [],
    };
  });
  const researchHeld = record?.transitions.some((t) => t.to === 'research') ?? false;
  const sections = researchHeld
    ? (input.minutes?.sections ?? []).map((s) => ({
        kind: sectionKind(s.key),
        filled: (input.minutes?.text[s.key] ?? '').trim().length > 0,
      }))
    : [];
  return {
    occurrenceId: o.occurrenceId,
    seriesId: o.seriesId,
    communityId: o.communityId,
    subject: o.subject,
    teacherId: o.teacherId,
    memberTeacherIds: [...new Set((o.memberTeachers ?? []).map((m) => m.teacherId))],
    start,
    end,
    outcome,
    moved: plan?.moved ?? false,
    substituted: plan?.substituted ?? false,
    plannedMinutes: Math.round((end - start) / 60_000),
    classrooms,
    research: { held: researchHeld, sections },
    materials: input.materials,
    final: isFinal(input, end, now),
  };
}

/** Nothing will change the figures any more: archived, or long past without a record. */
export function isFinal(input: Pick<FactsInput, 'record'>, end: number, now: number): boolean {
  if (input.record) return input.record.state === 'archived';
  return end + SETTLED_AFTER_MS <= now;
}
