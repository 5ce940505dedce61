// Who may read a school's classrooms and teachers: a classroom PC its own classroom only,
// people the schools of their communities. The day routes and the calendar feeds share it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AccessError } from '../../auth/authPlugin';
import { DomainError } from '../errorHandler';
import type { TimetableService } from './TimetableService';

export function schoolAccess(app: FastifyInstance, service: TimetableService) {
  const { repo } = service;

  async function assertSchoolAccess(
    request: FastifyRequest,
    schoolId: string,
    classroomId?: string,
  ) {
    const p = request.principal!;
    if (p.role === 'device') {
      if (p.classroomId === classroomId) return;
      request.log.warn({ sub: p.sub, classroomId }, 'device asked for another classroom');
      throw new AccessError(403, 'a classroom PC sees only its own classroom');
    }
    const communities = await repo.byRef('community', `school:${schoolId}`);
    const mine = communities.find((c) => p.communityIds.includes(c.id));
    app.assertCommunity(request, mine?.id ?? communities[0]?.id ?? '(none)');
  }

  async function classroom(request: FastifyRequest, id: string) {
    const room = await repo.get('classroom', id);
    if (!room) throw new DomainError('not_found', `no classroom ${id}`, 404);
    await assertSchoolAccess(request, room.schoolId, id);
    return room;
  }

  async function teacher(request: FastifyRequest, id: string) {
    const found = await repo.get('teacher', id);
    if (!found) throw new DomainError('not_found', `no teacher ${id}`, 404);
    await assertSchoolAccess(request, found.schoolId);
    return found;
  }

  return { assertSchoolAccess, classroom, teacher };
}
