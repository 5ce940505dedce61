// The checks every lesson and research route shares: the lesson exists, the bearer's
// community covers it, a link token is used only for its own lesson; refusals are logged.
// A lifecycle refusal (LessonActionError) is answered by the one error table (errorTable.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LessonRecord, LessonView } from '../../../shared/lessons';
import { AccessError } from '../../auth/authPlugin';
import type { AttendanceRecorder } from '../../lessons/AttendanceRecorder';
import type { LessonNames } from '../../lessons/LessonNames';
import type { LessonLifecycle } from '../../lessons/LessonLifecycle';
import type { MaterialRepository } from '../../store/lessons/LessonRepository';
import { Failure } from '../../errors/Failure';
import type { LessonLogRepository } from '../../store/lessons/LessonLogRepository';
import { questionRecords } from '../../lessons/questionRecords';

export interface LessonDeps {
  lifecycle: LessonLifecycle;
  attendance: AttendanceRecorder;
  materials: MaterialRepository;
  names: LessonNames;
  /** the occurrence's log of events (questions and answers come from it) */
  lessonLog?: LessonLogRepository;
}

export async function loadLessonFor(
  app: FastifyInstance,
  request: FastifyRequest,
  lifecycle: LessonLifecycle,
  occurrenceId: string,
): Promise<LessonRecord> {
  const record = await lifecycle.get(occurrenceId);
  if (!record) throw new Failure('not_found', `no lesson ${occurrenceId}`);
  app.assertCommunity(request, record.occurrence.communityId);
  const p = request.principal!;
  if (p.occurrenceId !== undefined && p.occurrenceId !== occurrenceId) {
    request.log.warn({ sub: p.sub, occurrenceId, url: request.url }, 'link token used elsewhere');
    throw new AccessError(403, 'this link is for another lesson');
  }
  return record;
}

export async function lessonView(deps: LessonDeps, record: LessonRecord): Promise<LessonView> {
  const o = record.occurrence;
  const [attendance, materials, names, events] = await Promise.all([
    deps.attendance.report(record),
    deps.materials.listFor(o.occurrenceId, o.seriesId),
    deps.names.ofLesson(o),
    deps.lessonLog?.list(o.occurrenceId),
  ]);
  const questions = events ? questionRecords(events) : [];
  return { lesson: record, attendance, materials, names, questions };
}
