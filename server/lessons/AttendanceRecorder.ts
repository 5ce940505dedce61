// Where the signaling layer reports who is in a lesson: each event is appended to the store
// before the call resolves, so an acknowledged join is never lost.
import { QualitySample, type AttendanceReport, type LessonRecord } from '../../shared/lessons';
import { Value } from '@sinclair/typebox/value';
import { check, describeErrors } from '../../shared/validation';
import type { AttendanceRepository } from '../store/lessons/LessonRepository';
import { computeAttendance, lessonWindow } from './attendance';

export class AttendanceRecorder {
  readonly #repo: AttendanceRepository;
  readonly #now: () => number;
  /** classroom → time of the last stored quality sample, to enforce ≤ 1 sample/s */
  readonly #lastSample = new Map<string, number>();

  constructor(repo: AttendanceRepository, now: () => number) {
    this.#repo = repo;
    this.#now = now;
  }

  joined(occurrenceId: string, classroomId: string, at = this.#now()): Promise<void> {
    return this.#repo.append({ kind: 'join', occurrenceId, classroomId, at });
  }

  left(occurrenceId: string, classroomId: string, at = this.#now()): Promise<void> {
    this.#lastSample.delete(`${occurrenceId}/${classroomId}`);
    return this.#repo.append({ kind: 'leave', occurrenceId, classroomId, at });
  }

  /**
   * One media stats sample of a classroom. Samples closer than 1 s to the previous stored
   * one are dropped (returns false): the store sees a bounded rate whatever the caller does.
   */
  async quality(
    occurrenceId: string,
    classroomId: string,
    sample: QualitySample,
    at = this.#now(),
  ): Promise<boolean> {
    const checked = check(QualitySample, sample);
    if (!checked.ok) throw new TypeError(`bad quality sample: ${describeErrors(checked.errors)}`);
    const key = `${occurrenceId}/${classroomId}`;
    const last = this.#lastSample.get(key);
    if (last !== undefined && at - last < 1_000) return false;
    this.#lastSample.set(key, at);
    await this.#repo.append({
      kind: 'quality',
      occurrenceId,
      classroomId,
      at,
      // Only the schema's fields are stored, whatever else the caller's object carries.
      sample: Value.Clean(QualitySample, structuredClone(checked.value)) as QualitySample,
    });
    return true;
  }

  /** Attendance of the lesson as it ran (or runs, up to now). */
  async report(record: LessonRecord): Promise<AttendanceReport> {
    const now = this.#now();
    const events = await this.#repo.list(record.occurrence.occurrenceId);
    return computeAttendance(events, record.occurrence, { window: lessonWindow(record, now), now });
  }
}
