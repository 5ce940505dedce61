// Builds the evaluation service over the store and the published timetable and mounts its
// routes: app.ts calls this once.
import type { FastifyInstance } from 'fastify';
import type { OccurrenceSource } from '../../../shared/timetable/occurrence';
import { EvaluationService } from '../../evaluation/EvaluationService';
import type { PlannedLesson } from '../../evaluation/lessonFacts';
import type { LessonLifecycle } from '../../lessons/LessonLifecycle';
import type { MinutesService } from '../../research/MinutesService';
import type { Store } from '../../store/Store';
import { toScheduled } from '../../timetable/expand';
import { TimetableOccurrenceSource } from '../../store/timetable/TimetableOccurrenceSource';
import { evaluationRoutes } from './evaluationRoutes';
import { exportRoutes } from './exportRoutes';

export interface EvaluationMountDeps {
  store: Store;
  schedule: OccurrenceSource;
  lifecycle: LessonLifecycle;
  minutes: MinutesService;
  zone: string;
  now: () => number;
}

/**
 * The published 一张表 with cancelled and moved lessons (what the evaluation counts); a
 * schedule that is not the timetable's (tests) gives its lessons, none moved.
 */
export function planOf(schedule: OccurrenceSource, zone: string) {
  return async (from: number, to: number): Promise<PlannedLesson[]> => {
    if (schedule instanceof TimetableOccurrenceSource) {
      return (await schedule.published())
        .filter((o) => o.start >= from && o.start < to)
        .map((o) => ({
          occurrence: toScheduled(o, zone),
          moved: o.moved,
          substituted: o.substituted,
        }));
    }
    return (await schedule.occurrencesBetween(from, to))
      .filter((o) => Date.parse(o.start) >= from)
      .map((occurrence) => ({ occurrence, moved: false, substituted: false }));
  };
}

export async function mountEvaluation(
  http: FastifyInstance,
  deps: EvaluationMountDeps,
): Promise<EvaluationService> {
  const { store } = deps;
  const service = new EvaluationService({
    plan: planOf(deps.schedule, deps.zone),
    lessons: store.lessons,
    attendance: store.attendance,
    materials: store.materials,
    minutes: deps.minutes,
    evaluation: store.evaluation,
    timetable: store.timetable,
    zone: deps.zone,
    now: deps.now,
  });
  // Kept where the lesson was archived (another node's transitions are kept there).
  const log = http.log.child({ part: 'evaluation' });
  deps.lifecycle.on('transition', (t) => {
    if (t.to !== 'archived' || t.remote) return;
    service.keep(t.record).catch((error: unknown) => {
      log.warn(
        { err: error, occurrenceId: t.occurrenceId },
        'lesson facts not kept; the next report reads them',
      );
    });
  });
  await http.register(evaluationRoutes, { prefix: '/api', service, lifecycle: deps.lifecycle });
  await http.register(exportRoutes, { prefix: '/api', service, zone: deps.zone });
  return service;
}
