import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TimetableService } from '../../timetable/TimetableService';
import type { Access } from '../../timetable/access';
import { AccessError } from '../../auth/authPlugin';

export interface TimetableRoutesOptions {
  service: TimetableService;
  /** the clock the use cases are given (tests pass a fixed one) */
  now: () => number;
}

export const tags = ['timetable'];

/**
 * Coordinators, school offices, teachers and observers of a community read it; coordinators
 * write; a school office also writes its own school's records (the route checks which
 * school: server/timetable/access.ts mayChangeSchool).
 */
export function roles(app: FastifyInstance) {
  return {
    read: app.requireRole('coordinator', 'school_office', 'teacher', 'observer', 'district'),
    write: app.requireRole('coordinator'),
    schoolWrite: app.requireRole('coordinator', 'school_office'),
  };
}

/** An access rule's refusal (server/timetable/access.ts) logged and answered 403. */
export function enforce<T>(
  request: FastifyRequest,
  access: Access<T>,
): asserts access is Access<T> & { ok: true } {
  if (access.ok) return;
  request.log.warn(access.context, access.log);
  throw new AccessError(403, access.message);
}
