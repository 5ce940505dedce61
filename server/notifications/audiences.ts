// Whose notices a signed-in person reads: a teacher hers, a coordinator her communities'
// desk, a school office its school's. Observers, devices and link tokens have none.
import type { Principal } from '../../shared/auth';
import { coordinatorAudience, schoolAudience, teacherAudience } from './concerned';

export function audiencesOf(p: Principal): string[] {
  if (p.occurrenceId !== undefined) return [];
  switch (p.role) {
    case 'teacher':
      return p.teacherId ? [teacherAudience(p.teacherId)] : [];
    case 'coordinator':
      return p.communityIds.map(coordinatorAudience);
    case 'school_office':
      return p.schoolId ? [schoolAudience(p.schoolId)] : [];
    default:
      return [];
  }
}
