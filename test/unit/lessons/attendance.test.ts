import { describe, expect, it } from 'vitest';
import type { AttendanceEvent } from '../../../shared/lessons';
import { computeAttendance, summarizeQuality } from '../../../server/lessons/attendance';
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
    });
    expect(summarizeQuality([]).grade).toBe('none');
    expect(summarizeQuality([{ bitrateKbps: 900, lossPct: 0.5, rttMs: 40 }]).grade).toBe('good');
  });
});
