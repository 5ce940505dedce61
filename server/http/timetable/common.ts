import type { FastifyInstance } from 'fastify';
import type { TimetableService } from './TimetableService';

export interface TimetableRoutesOptions {
  service: TimetableService;
}

export const tags = ['timetable'];

/** Coordinators, teachers and observers of a community read it; coordinators write. */
export function roles(app: FastifyInstance) {
  return {
    read: app.requireRole('coordinator', 'teacher', 'observer'),
    write: app.requireRole('coordinator'),
  };
}
