import type { AttendanceEvent, LessonRecord, LessonState, Material } from '../../../shared/lessons';
import { teacherRole } from '../../../shared/timetable/occurrence';

export interface LessonQuery {
  communityId?: string;
  /** the lessons this teacher teaches or keeps a member classroom of (辅导教师) */
  teacherId?: string;
  states?: readonly LessonState[];
  /** scheduled start ≥ from / < to, ms since epoch */
  from?: number;
  to?: number;
  /** newest first; default 200 */
  limit?: number;
}

/** Lesson occurrences as the lifecycle runs them: state and full transition history. */
export interface LessonRepository {
  get(occurrenceId: string): Promise<LessonRecord | undefined>;
  /** Inserts the record unless one exists; returns what is stored afterwards. */
  create(record: LessonRecord): Promise<LessonRecord>;
  /**
   * Compare-and-set: stores `next` only if the stored record still has `prev`'s state and
   * transition count (another node may have moved it). True when written.
   */
  replace(next: LessonRecord, prev: LessonRecord): Promise<boolean>;
  /** Every record not archived yet. */
  listActive(): Promise<LessonRecord[]>;
  list(query: LessonQuery): Promise<LessonRecord[]>;
}

/** Join/leave/quality events, appended durably before the caller is answered. */
export interface AttendanceRepository {
  append(event: AttendanceEvent): Promise<void>;
  list(occurrenceId: string): Promise<AttendanceEvent[]>;
}

/** Metadata of uploaded material; the bytes live in dataDir/materials. */
export interface MaterialRepository {
  add(material: Material): Promise<void>;
  get(id: string): Promise<Material | undefined>;
  /** Material of the occurrence plus material of its whole series. */
  listFor(occurrenceId: string, seriesId: string): Promise<Material[]>;
  remove(id: string): Promise<boolean>;
}

/** Newest first, then paged: both backends share this last step. */
export function applyQuery(records: LessonRecord[], q: LessonQuery): LessonRecord[] {
  return records
    .filter((r) => !q.communityId || r.occurrence.communityId === q.communityId)
    .filter((r) => !q.teacherId || teacherRole(q.teacherId, r.occurrence) !== undefined)
    .filter((r) => !q.states || q.states.includes(r.state))
    .filter((r) => q.from === undefined || Date.parse(r.occurrence.start) >= q.from)
    .filter((r) => q.to === undefined || Date.parse(r.occurrence.start) < q.to)
    .sort((a, b) => Date.parse(b.occurrence.start) - Date.parse(a.occurrence.start))
    .slice(0, q.limit ?? 200);
}
