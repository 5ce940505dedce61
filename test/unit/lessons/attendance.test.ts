import { describe, expect, it } from 'vitest';
import type { AttendanceEvent, QualitySample, TeacherVideoSample } from '../../../shared/lessons';
import {
  computeAttendance,
  gradeQuality,
  summarizeQuality,
} from '../../../server/lessons/attendance';
import { MIN, occurrence } from './support/occurrences';

const o = occurrence();
const start = Date.parse(o.start);
const id = o.occurrenceId;
const join = (classroomId: string, at: number): AttendanceEvent => ({
  kind: 'join',
  occurrenceId: id,
  classroomId,
  at,
});
const leave = (classroomId: string, at: number): AttendanceEvent => ({
  kind: 'leave',
  occurrenceId: id,
  classroomId,
  at,
});

describe('computeAttendance', () => {
  it('counts connected minutes inside the lesson over several intervals', () => {
    const report = computeAttendance(
      [
        join('room-gaolou-1', start - 4 * MIN), // during the device check: not lesson time
        leave('room-gaolou-1', start + 10 * MIN),
        join('room-gaolou-1', start + 12 * MIN),
        leave('room-gaolou-1', start + 40 * MIN),
      ],
      o,
    );
    const gaolou = report.classrooms.find((c) => c.classroomId === 'room-gaolou-1')!;
    expect(gaolou.intervals).toEqual([
      { from: start - 4 * MIN, to: start + 10 * MIN },
      { from: start + 12 * MIN, to: start + 40 * MIN },
    ]);
    expect(gaolou.minutesConnected).toBe(38);
    expect(gaolou.absent).toBe(false);
  });

  it('lists expected classrooms that never joined as absent', () => {
    const report = computeAttendance(
      [join('room-core-301', start), join('room-gaolou-1', start)],
      o,
    );
    expect(report.absent).toEqual(['room-ningyi-1']);
    expect(report.classrooms.map((c) => [c.classroomId, c.side])).toEqual([
      ['room-core-301', 'core'],
      ['room-gaolou-1', 'member'],
      ['room-ningyi-1', 'member'],
    ]);
  });

  it('treats a repeated join (a resume) as the same interval, and closes open ones at the end', () => {
    const report = computeAttendance(
      [join('room-gaolou-1', start), join('room-gaolou-1', start + 5 * MIN)],
      o,
    );
    const gaolou = report.classrooms[1]!;
    expect(gaolou.intervals).toEqual([{ from: start, to: start + 40 * MIN }]);
    expect(gaolou.minutesConnected).toBe(40);
  });

  it('closes an open interval at now for a lesson still running', () => {
    const report = computeAttendance([join('room-gaolou-1', start)], o, { now: start + 15 * MIN });
    expect(report.classrooms[1]!.minutesConnected).toBe(15);
  });

  it('ignores classrooms that are not part of the lesson', () => {
    const report = computeAttendance([join('room-elsewhere', start)], o);
    expect(report.classrooms.map((c) => c.classroomId)).not.toContain('room-elsewhere');
  });

  it('summarizes the quality samples of each classroom', () => {
    const sample = (lossPct: number, rttMs: number): AttendanceEvent => ({
      kind: 'quality',
      occurrenceId: id,
      classroomId: 'room-ningyi-1',
      at: start,
      sample: { bitrateKbps: 1200, lossPct, rttMs },
    });
    const report = computeAttendance(
      [join('room-ningyi-1', start), sample(1, 80), sample(9, 320)],
      o,
    );
    expect(report.classrooms[2]!.quality).toEqual({
      samples: 2,
      avgBitrateKbps: 1200,
      avgLossPct: 5,
      maxLossPct: 9,
      avgRttMs: 200,
      maxRttMs: 320,
      grade: 'poor',
      issues: ['packet_loss', 'high_rtt'],
    });
    expect(summarizeQuality([]).grade).toBe('none');
    expect(summarizeQuality([{ bitrateKbps: 900, lossPct: 0.5, rttMs: 40 }]).grade).toBe('good');
  });
});

describe('the quality grade, as a classroom’s people saw the lesson', () => {
  // A classroom on a clean network (1 % loss, 40 ms), sending its camera at 600 kbit/s.
  const net = { bitrateKbps: 900, lossPct: 1, rttMs: 40, sentVideoKbps: 600 };
  const seeing: TeacherVideoSample = { forwardedKbps: 1200, paused: false, framesDecoded: 60 };
  const samples = (n: number, extra: Partial<QualitySample>): QualitySample[] =>
    Array.from({ length: n }, () => ({ ...net, ...extra }));
  const grade = (list: QualitySample[], side: 'core' | 'member' = 'member') => {
    const { grade: g, issues } = summarizeQuality(list, side);
    return { grade: g, issues };
  };

  it('is good when the classroom decoded the teacher all along on a clean network', () => {
    expect(grade(samples(20, { teacherVideo: seeing }))).toEqual({ grade: 'good', issues: [] });
  });

  it('is poor when the classroom decoded nothing of the teacher, however clean the network', () => {
    // The PC of issue #10: the server forwarded, the page decoded nothing (a black tile).
    const black = { forwardedKbps: 1200, paused: false, framesDecoded: 0 };
    expect(grade(samples(20, { teacherVideo: black }))).toEqual({
      grade: 'poor',
      issues: ['no_teacher_video'],
    });
    // …or the server held her video paused for it all lesson (its tile reported hidden).
    const paused = { forwardedKbps: 0, paused: true, framesDecoded: 0 };
    const summary = summarizeQuality(samples(20, { teacherVideo: paused }));
    expect(summary).toMatchObject({
      grade: 'poor',
      issues: ['no_teacher_video'],
      teacherVideo: { samples: 20, receivedPct: 0, pausedPct: 100, framesDecoded: 0 },
    });
  });

  it('trusts what the server forwarded when the classroom sent no decode report', () => {
    const forwarded = { forwardedKbps: 1200, paused: false };
    expect(grade(samples(10, { teacherVideo: forwarded })).grade).toBe('good');
    const nothing = { forwardedKbps: 0, paused: false };
    expect(grade(samples(10, { teacherVideo: nothing }))).toEqual({
      grade: 'poor',
      issues: ['no_teacher_video'],
    });
  });

  it('is fair when the teacher came and went, poor when she was mostly missing', () => {
    const gone = { forwardedKbps: 0, paused: true, framesDecoded: 0 };
    const mostly = [...samples(8, { teacherVideo: seeing }), ...samples(2, { teacherVideo: gone })];
    expect(grade(mostly)).toEqual({ grade: 'fair', issues: ['teacher_video_gaps'] });
    const rarely = [...samples(4, { teacherVideo: seeing }), ...samples(6, { teacherVideo: gone })];
    expect(grade(rarely)).toEqual({ grade: 'poor', issues: ['teacher_video_gaps'] });
  });

  it('counts the freezes the classroom’s browser saw', () => {
    const often = { ...seeing, freezes: 1 }; // one every ~2 s
    expect(grade(samples(10, { teacherVideo: often }))).toEqual({
      grade: 'poor',
      issues: ['teacher_video_freezes'],
    });
    const some = [...samples(3, { teacherVideo: { ...seeing, freezes: 1 } })];
    const calm = samples(17, { teacherVideo: seeing });
    expect(grade([...some, ...calm])).toEqual({
      grade: 'fair',
      issues: ['teacher_video_freezes'],
    });
  });

  it('does not judge the teacher’s video before there are a few samples of it', () => {
    const black = { forwardedKbps: 0, paused: false, framesDecoded: 0 };
    expect(grade(samples(2, { teacherVideo: black })).grade).toBe('good');
  });

  it('does not blame a member classroom when the teacher sent no camera', () => {
    // No teacherVideo in the samples: she was not sending, there was nothing to receive.
    expect(grade(samples(20, {}))).toEqual({ grade: 'good', issues: [] });
  });

  it('marks a classroom whose own picture never reached the server; the core one poor', () => {
    const silent = samples(10, { sentVideoKbps: 0, teacherVideo: seeing });
    expect(grade(silent, 'member')).toEqual({ grade: 'fair', issues: ['nothing_sent'] });
    expect(grade(samples(10, { sentVideoKbps: 0 }), 'core')).toEqual({
      grade: 'poor',
      issues: ['nothing_sent'],
    });
    // Samples stored before the sent video was measured say nothing about it.
    expect(grade([{ bitrateKbps: 900, lossPct: 0.5, rttMs: 40 }]).grade).toBe('good');
  });

  it('puts the worst issue first when several show', () => {
    const black = { forwardedKbps: 1200, paused: false, framesDecoded: 0 };
    expect(grade(samples(10, { lossPct: 3, rttMs: 450, teacherVideo: black }))).toEqual({
      grade: 'poor',
      issues: ['no_teacher_video', 'high_rtt', 'packet_loss'],
    });
  });

  it('grades from the figures alone, nothing else', () => {
    const figures = {
      samples: 0,
      avgBitrateKbps: 0,
      avgLossPct: 0,
      maxLossPct: 0,
      avgRttMs: 0,
      maxRttMs: 0,
    };
    expect(gradeQuality(figures, 'member')).toEqual({ grade: 'none', issues: [] });
  });

  it('grades a running lesson up to now, in the attendance report', () => {
    const at = (t: number): AttendanceEvent => ({
      kind: 'quality',
      occurrenceId: id,
      classroomId: 'room-gaolou-1',
      at: t,
      sample: { ...net, teacherVideo: { forwardedKbps: 0, paused: true, framesDecoded: 0 } },
    });
    const events = [join('room-gaolou-1', start), at(start + 2_000), at(start + 4_000)];
    const early = computeAttendance(events, o, { now: start + 5_000 });
    expect(early.classrooms[1]!.quality.grade).toBe('good'); // too early to say
    const later = computeAttendance([...events, at(start + 6_000)], o, { now: start + 7_000 });
    expect(later.classrooms[1]!.quality).toMatchObject({
      grade: 'poor',
      issues: ['no_teacher_video'],
    });
  });
});
