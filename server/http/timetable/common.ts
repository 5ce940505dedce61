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

/** Coordinators, teachers and observers of a community read it; coordinators write. */
export function roles(app: FastifyInstance) {
  return {
    read: app.requireRole('coordinator', 'teacher', 'observer'),
    write: app.requireRole('coordinator'),
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
