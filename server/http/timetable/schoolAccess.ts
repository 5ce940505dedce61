// Who may read a school's classrooms and teachers: a classroom PC its own classroom only,
// people the schools of their communities. The day routes and the calendar feeds share it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { deviceMayRead } from '../../timetable/access';
import type { TimetableService } from '../../timetable/TimetableService';
import { enforce } from './common';

export function schoolAccess(app: FastifyInstance, service: TimetableService) {
  async function assertSchoolAccess(
    request: FastifyRequest,
    schoolId: string,
    classroomId?: string,
  ) {
    const p = request.principal!;
    enforce(request, deviceMayRead(p, classroomId));
    if (p.role === 'device') return;
    const communities = await service.communitiesOfSchool(schoolId);
    const mine = communities.find((c) => p.communityIds.includes(c.id));
    app.assertCommunity(request, mine?.id ?? communities[0]?.id ?? '(none)');
  }

  async function classroom(request: FastifyRequest, id: string) {
    const room = await service.classroom(id);
    await assertSchoolAccess(request, room.schoolId, id);
    return room;
  }

  async function teacher(request: FastifyRequest, id: string) {
    const found = await service.teacher(id);
    await assertSchoolAccess(request, found.schoolId);
    return found;
  }

  return { assertSchoolAccess, classroom, teacher };
}
