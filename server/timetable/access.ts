// Who may do what to the timetable beyond their role: rules about whose school, whose
// classroom, whose lessons. Pure decisions over the principal and what the store says about
// it; the edge logs a refusal and answers 403 (http/timetable/common.ts enforce).
import type { Principal } from '../../shared/auth';
import { bilingual, messageOf } from '../../shared/messages';

export type Access<T = object> =
  | ({ ok: true } & T)
  | {
      ok: false;
      /** the reason code (shared/messages.ts) and its words, Chinese first */
      code: string;
      message: string;
      /** what the log line says, with the ids it names */
      log: string;
      context: Record<string, string | undefined>;
    };

const deny = (
  code: string,
  log: string,
  context: Record<string, string | undefined>,
): Access<never> => ({ ok: false, code, message: bilingual(messageOf(code)!), log, context });

/**
 * Who answers a proposal for a member school: a teacher of that school answers for it; a
 * coordinator belongs to no school, so her answer is always given on the school's behalf
 * (代为同意) and recorded so; a school office (学校教务) answers for its own school.
 * `teacherSchoolId` is the asking teacher's school, if known.
 */
export function mayAnswerFor(
  p: Pick<Principal, 'role' | 'sub' | 'schoolId'>,
  schoolId: string,
  teacherSchoolId: string | undefined,
): Access<{ onBehalf: boolean }> {
  if (p.role === 'coordinator') return { ok: true, onBehalf: true };
  if (p.role === 'teacher' && teacherSchoolId !== undefined && teacherSchoolId === schoolId)
    return { ok: true, onBehalf: false };
  // The school office is the school: its answer is the school's own.
  if (p.role === 'school_office' && p.schoolId !== undefined && p.schoolId === schoolId)
    return { ok: true, onBehalf: false };
  return deny('answer_own_school_only', 'answered for another school', {
    sub: p.sub,
    schoolId,
  });
}

/** A teacher reads her own day and week; coordinators and observers their teachers'. */
export function maySeeSchedule(
  p: Pick<Principal, 'role' | 'sub' | 'teacherId'>,
  teacherId: string,
): Access {
  if (p.role !== 'teacher' || p.teacherId === teacherId) return { ok: true };
  return deny('own_schedule_only', "teacher asked for another's schedule", {
    sub: p.sub,
    teacherId,
  });
}

/** A classroom PC reads its own classroom only (people: see their communities' schools). */
export function deviceMayRead(
  p: Pick<Principal, 'role' | 'sub' | 'classroomId'>,
  classroomId: string | undefined,
): Access {
  if (p.role !== 'device' || (classroomId !== undefined && p.classroomId === classroomId))
    return { ok: true };
  return deny('own_classroom_only', 'device asked for another classroom', {
    sub: p.sub,
    classroomId,
  });
}

/**
 * Who changes a school's own records (its bell schedule, classrooms, teachers): the
 * community's coordinator (the core school's 教务) for every school of the community, a
 * school office (a member school's 教务) for its own school only. The community itself is
 * checked apart (assertCommunity).
 */
export function mayChangeSchool(
  p: Pick<Principal, 'role' | 'sub' | 'schoolId'>,
  schoolId: string,
): Access {
  if (p.role === 'coordinator') return { ok: true };
  if (p.role === 'school_office' && p.schoolId !== undefined && p.schoolId === schoolId)
    return { ok: true };
  return deny('own_school_only', "changed another school's records", {
    sub: p.sub,
    role: p.role,
    schoolId,
  });
}

/** A district (区县教育局) creates communities of its own district only. */
export function mayCreateIn(
  p: Pick<Principal, 'role' | 'sub' | 'district'>,
  district: string,
): Access {
  if (p.role === 'district' && p.district !== undefined && p.district === district)
    return { ok: true };
  return deny('own_district_only', "created a community outside the caller's district", {
    sub: p.sub,
    role: p.role,
    district,
  });
}
