// Attendance as a pure fold over the recorded join/leave/quality events of one occurrence,
// and the grade of each classroom's lesson as its people saw it.
import type {
  AttendanceEvent,
  AttendanceReport,
  ClassroomAttendance,
  LessonRecord,
  QualityGrade,
  QualityIssue,
  QualitySample,
  QualitySummary,
  TeacherVideoSample,
} from '../../shared/lessons';
import type { ReceptionIssue } from '../../shared/signaling/reception';
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

type Side = 'core' | 'member';

/** Below this many samples (~6 s) a figure says nothing yet. */
const MIN_SAMPLES = 3;
/** reception samples (one per 2 s) a new link has to climb before it is graded */
export const SETTLING_SAMPLES = 5;

/** The figures a grade is read from: a summary before it is graded. */
export type QualityFigures = Omit<QualitySummary, 'grade' | 'issues'>;

/**
 * Grades follow what the people in a classroom notice. A member classroom is there for the
 * teacher: one that did not get her picture is poor whatever its network figures say
 * (issue #10: a PC showing a black tile all lesson was graded good on loss and rtt alone).
 * Then: her picture coming and going or freezing; the classroom's own picture not reaching
 * the server (the core classroom's is the lesson itself); loss above 2 % or rtt above 200 ms.
 */
export function gradeQuality(
  f: QualityFigures,
  side: Side,
): { grade: QualityGrade; issues: QualityIssue[] } {
  if (f.samples === 0) return { grade: 'none', issues: [] };
  const found: [QualityIssue, 'fair' | 'poor'][] = [];
  const tv = f.teacherVideo;
  if (tv && tv.samples >= MIN_SAMPLES) {
    // A blip (a few seconds at the start) of an otherwise black lesson is still no teacher.
    if (tv.receivedPct < 10) found.push(['no_teacher_video', 'poor']);
    else if (tv.receivedPct < 50) found.push(['teacher_video_gaps', 'poor']);
    else if (tv.receivedPct < 90) found.push(['teacher_video_gaps', 'fair']);
    // Freezes per received sample (~2 s): one every 20 s shows, one every 4 s ruins it.
    const received = (tv.samples * tv.receivedPct) / 100;
    const rate = received > 0 ? tv.freezes / received : 0;
    if (rate > 0.5) found.push(['teacher_video_freezes', 'poor']);
    else if (rate > 0.1) found.push(['teacher_video_freezes', 'fair']);
  }
  if (f.avgSentVideoKbps === 0 && f.samples >= MIN_SAMPLES) {
    found.push(['nothing_sent', side === 'core' ? 'poor' : 'fair']);
  }
  const rx = f.reception;
  if (rx && rx.samples >= MIN_SAMPLES) {
    if (rx.poorPct >= 50) found.push(['poor_reception', 'poor']);
    else if (rx.poorPct + rx.fairPct >= 30) found.push(['poor_reception', 'fair']);
  }
  if (f.avgLossPct >= 5) found.push(['packet_loss', 'poor']);
  else if (f.avgLossPct >= 2) found.push(['packet_loss', 'fair']);
  if (f.avgRttMs >= 400) found.push(['high_rtt', 'poor']);
  else if (f.avgRttMs >= 200) found.push(['high_rtt', 'fair']);
  const poor = found.filter(([, g]) => g === 'poor').map(([i]) => i);
  const fair = found.filter(([, g]) => g === 'fair').map(([i]) => i);
  return {
    grade: poor.length > 0 ? 'poor' : fair.length > 0 ? 'fair' : 'good',
    issues: [...poor, ...fair],
  };
}

/** Whether the classroom had the teacher's picture in one sample. */
function receivedTeacher(s: TeacherVideoSample): boolean {
  // Its own report of decoded frames is the truth; without one, what the server forwarded.
  if (s.framesDecoded !== undefined) return s.framesDecoded > 0;
  return !s.paused && s.forwardedKbps > 0;
}

export function summarizeQuality(
  samples: readonly QualitySample[],
  side: Side = 'member',
): QualitySummary {
  const n = samples.length;
  const round = (x: number) => Math.round(x * 10) / 10;
  const avg = <T>(list: readonly T[], f: (x: T) => number) =>
    list.reduce((a, x) => a + f(x), 0) / list.length;
  const figures: QualityFigures =
    n === 0
      ? { samples: 0, avgBitrateKbps: 0, avgLossPct: 0, maxLossPct: 0, avgRttMs: 0, maxRttMs: 0 }
      : {
          samples: n,
          avgBitrateKbps: round(avg(samples, (s) => s.bitrateKbps)),
          avgLossPct: round(avg(samples, (s) => s.lossPct)),
          maxLossPct: Math.max(...samples.map((s) => s.lossPct)),
          avgRttMs: round(avg(samples, (s) => s.rttMs)),
          maxRttMs: Math.max(...samples.map((s) => s.rttMs)),
        };
  const sent = samples.flatMap((s) => (s.sentVideoKbps === undefined ? [] : [s.sentVideoKbps]));
  if (sent.length > 0) figures.avgSentVideoKbps = round(avg(sent, (x) => x));
  const tv = samples.flatMap((s) => (s.teacherVideo ? [s.teacherVideo] : []));
  if (tv.length > 0) {
    figures.teacherVideo = {
      samples: tv.length,
      receivedPct: round((tv.filter(receivedTeacher).length / tv.length) * 100),
      pausedPct: round((tv.filter((s) => s.paused).length / tv.length) * 100),
      framesDecoded: tv.reduce((a, s) => a + (s.framesDecoded ?? 0), 0),
      freezes: tv.reduce((a, s) => a + (s.freezes ?? 0), 0),
    };
  }
  // A link's first seconds are its climb from the lowest layer (server/live/layers), not its
  // quality: the first reception samples are not graded.
  const rx = samples.flatMap((s) => (s.reception ? [s.reception] : [])).slice(SETTLING_SAMPLES);
  if (rx.length > 0) {
    const counts = new Map<ReceptionIssue, number>();
    for (const r of rx) for (const i of r.issues) counts.set(i, (counts.get(i) ?? 0) + 1);
    figures.reception = {
      samples: rx.length,
      poorPct: round((rx.filter((r) => r.grade === 'poor').length / rx.length) * 100),
      fairPct: round((rx.filter((r) => r.grade === 'fair').length / rx.length) * 100),
      issues: [...counts].sort((a, b) => b[1] - a[1]).map(([i]) => i),
    };
  }
  // Grades read unrounded loss and rtt, as before the figures were kept.
  const exact =
    n === 0
      ? figures
      : {
          ...figures,
          avgLossPct: avg(samples, (s) => s.lossPct),
          avgRttMs: avg(samples, (s) => s.rttMs),
        };
  return { ...figures, ...gradeQuality(exact, side) };
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
      quality: summarizeQuality(samples, side),
    };
  });
  return {
    occurrenceId: occurrence.occurrenceId,
    window,
    classrooms,
    absent: classrooms.filter((c) => c.absent).map((c) => c.classroomId),
  };
}
