// Attendance as a pure fold over the recorded join/leave/quality events of one occurrence.
import type {
  AttendanceEvent,
  AttendanceReport,
  ClassroomAttendance,
  LessonRecord,
  QualityGrade,
  QualitySample,
  QualitySummary,
} from '../../shared/lessons';
import type { ScheduledOccurrence } from '../../shared/timetable/occurrence';
import { plannedEndOf } from './transitions';

export interface Interval {
  from: number;
  to: number;
}

export interface AttendanceOptions {
  /** the lesson time connected minutes are counted in; default: scheduled start → end */
  window?: Interval;
  /** for a lesson still running: intervals still open end here instead of at window.to */
  now?: number;
}

/** The time the lesson really ran: went live → ended, else the plan; clipped to `now`. */
export function lessonWindow(r: LessonRecord, now: number): Interval {
  const live = r.transitions.find((t) => t.to === 'live')?.at ?? Date.parse(r.occurrence.start);
  const ended = r.transitions.find((t) => t.to === 'ended')?.at ?? plannedEndOf(r);
  return { from: live, to: Math.max(live, Math.min(ended, Math.max(now, live))) };
}

function overlap(a: Interval, b: Interval): number {
  return Math.max(0, Math.min(a.to, b.to) - Math.max(a.from, b.from));
}

/** Grades follow what a remote class notices: loss above 2 % or rtt above 200 ms shows. */
export function gradeQuality(avgLossPct: number, avgRttMs: number): QualityGrade {
  if (avgLossPct < 2 && avgRttMs < 200) return 'good';
  if (avgLossPct < 5 && avgRttMs < 400) return 'fair';
  return 'poor';
}

export function summarizeQuality(samples: readonly QualitySample[]): QualitySummary {
  if (samples.length === 0) {
    return {
      samples: 0,
      avgBitrateKbps: 0,
      avgLossPct: 0,
      maxLossPct: 0,
      avgRttMs: 0,
      maxRttMs: 0,
      grade: 'none',
    };
  }
  const n = samples.length;
  const sum = (f: (s: QualitySample) => number) => samples.reduce((a, s) => a + f(s), 0);
  const round = (x: number) => Math.round(x * 10) / 10;
  const avgLossPct = sum((s) => s.lossPct) / n;
  const avgRttMs = sum((s) => s.rttMs) / n;
  return {
    samples: n,
    avgBitrateKbps: round(sum((s) => s.bitrateKbps) / n),
    avgLossPct: round(avgLossPct),
    maxLossPct: Math.max(...samples.map((s) => s.lossPct)),
    avgRttMs: round(avgRttMs),
    maxRttMs: Math.max(...samples.map((s) => s.rttMs)),
    grade: gradeQuality(avgLossPct, avgRttMs),
  };
}

/**
 * Per expected classroom: its connected intervals (a repeated join while connected, as
 * after a resume, extends the same interval), minutes inside the window, quality; classrooms
 * that never joined are absent. Events of classrooms not in the occurrence are ignored.
 */
export function computeAttendance(
  events: readonly AttendanceEvent[],
  occurrence: ScheduledOccurrence,
  options: AttendanceOptions = {},
): AttendanceReport {
  const window = options.window ?? {
    from: Date.parse(occurrence.start),
    to: Date.parse(occurrence.end),
  };
  const closeOpenAt = options.now !== undefined ? Math.min(options.now, window.to) : window.to;
  const expected: [string, 'core' | 'member'][] = [
    [occurrence.coreClassroomId, 'core'],
    ...occurrence.memberClassroomIds.map((id): [string, 'member'] => [id, 'member']),
  ];
  const sorted = [...events]
    .filter((e) => e.occurrenceId === occurrence.occurrenceId)
    .sort((a, b) => a.at - b.at);

  const classrooms: ClassroomAttendance[] = expected.map(([classroomId, side]) => {
    const intervals: Interval[] = [];
    const samples: QualitySample[] = [];
    let openSince: number | undefined;
    for (const e of sorted) {
      if (e.classroomId !== classroomId) continue;
      if (e.kind === 'quality') samples.push(e.sample);
      else if (e.kind === 'join') openSince ??= e.at;
      else if (openSince !== undefined) {
        intervals.push({ from: openSince, to: e.at });
        openSince = undefined;
      }
    }
    if (openSince !== undefined) {
      intervals.push({ from: openSince, to: Math.max(openSince, closeOpenAt) });
    }
    const connectedMs = intervals.reduce((a, i) => a + overlap(i, window), 0);
    return {
      classroomId,
      side,
      intervals,
      minutesConnected: Math.floor(connectedMs / 60_000),
      absent: intervals.length === 0,
      quality: summarizeQuality(samples),
    };
  });
  return {
    occurrenceId: occurrence.occurrenceId,
    window,
    classrooms,
    absent: classrooms.filter((c) => c.absent).map((c) => c.classroomId),
  };
}
