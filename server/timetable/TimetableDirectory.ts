// The directory a coordinator keeps: communities (1 core school + N members), their schools
// with bell schedules and term calendars, classrooms and teachers. Each change is checked by
// the domain's rules and written as one atomic change.
import type {
  BellSchedule,
  Classroom,
  Community,
  School,
  Teacher,
  TermCalendar,
} from '../../shared/timetable/model';
import type {
  CommunityDetail,
  NewClassroomBody,
  NewSchoolBody,
  NewTeacherBody,
  UpdateCommunityBody,
} from '../../shared/timetable/api';
import { randomUUID } from 'node:crypto';
import { bellScheduleProblems } from './bellSchedule';
import { calendarProblems } from './calendar';
import { communityProblems, schoolsOf } from './community';
import { TimetableReads } from './TimetableReads';
import { exists, invalid } from './timetableErrors';
import { problem, under, type FieldProblem } from './fieldProblem';

export const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** Every reason a school's bell schedule and calendar cannot be used, by field. */
function schoolProblems(school: Pick<School, 'bellSchedule' | 'calendar'>): FieldProblem[] {
  return [
    ...under('bellSchedule', bellScheduleProblems(school.bellSchedule)),
    ...under('calendar', calendarProblems(school.calendar)),
  ];
}

export class TimetableDirectory extends TimetableReads {
  /** A community with its schools, classrooms and teachers. */
  async communityDetail(communityId: string): Promise<CommunityDetail> {
    const community = await this.community(communityId);
    const schools = await this.repo.getMany('school', schoolsOf(community));
    const classrooms = [];
    const teachers = [];
    for (const s of schools) {
      classrooms.push(...(await this.repo.byRef('classroom', `school:${s.id}`)));
      teachers.push(...(await this.repo.byRef('teacher', `school:${s.id}`)));
    }
    return { community, schools, classrooms, teachers };
  }

  async #checkMembership(c: Community): Promise<void> {
    const known = new Set((await this.repo.getMany('school', schoolsOf(c))).map((s) => s.id));
    const others = await this.repo.list('community');
    const problems = communityProblems(c, others, (id) => known.has(id));
    if (problems.length) throw invalid(problems);
  }

  async createCommunity(community: Community): Promise<Community> {
    if (await this.repo.get('community', community.id)) throw exists('community', community.id);
    await this.#checkMembership(community);
    await this.repo.apply({ put: { community: [community] } });
    return community;
  }

  async updateCommunity(communityId: string, body: UpdateCommunityBody): Promise<Community> {
    await this.community(communityId);
    const next = { ...body, id: communityId };
    await this.#checkMembership(next);
    await this.repo.apply({ put: { community: [next] } });
    return next;
  }

  /** A new member school of the community. */
  async addSchool(communityId: string, body: NewSchoolBody): Promise<School> {
    const community = await this.community(communityId);
    const school: School = { ...body, id: body.id ?? newId('sch') };
    const problems = schoolProblems(school);
    if (problems.length) throw invalid(problems);
    if (await this.repo.get('school', school.id)) throw exists('school', school.id);
    const next = { ...community, memberSchoolIds: [...community.memberSchoolIds, school.id] };
    await this.repo.apply({ put: { school: [school], community: [next] } });
    return school;
  }

  async updateSchool(communityId: string, schoolId: string, body: NewSchoolBody): Promise<School> {
    await this.schoolIn(communityId, schoolId);
    const school = { ...body, id: schoolId };
    const problems = schoolProblems(school);
    if (problems.length) throw invalid(problems);
    await this.repo.apply({ put: { school: [school] } });
    return school;
  }

  async setBellSchedule(
    communityId: string,
    schoolId: string,
    bellSchedule: BellSchedule,
  ): Promise<School> {
    const school = { ...(await this.schoolIn(communityId, schoolId)), bellSchedule };
    const problems = bellScheduleProblems(bellSchedule);
    if (problems.length) throw invalid(problems);
    await this.repo.apply({ put: { school: [school] } });
    return school;
  }

  async setCalendar(communityId: string, schoolId: string, calendar: TermCalendar) {
    const school = { ...(await this.schoolIn(communityId, schoolId)), calendar };
    const problems = calendarProblems(calendar);
    if (problems.length) throw invalid(problems);
    await this.repo.apply({ put: { school: [school] } });
    return school;
  }

  /** A new classroom or teacher of one of the community's schools. */
  async addPerson<K extends 'classroom' | 'teacher'>(
    kind: K,
    communityId: string,
    body: K extends 'classroom' ? NewClassroomBody : NewTeacherBody,
  ): Promise<K extends 'classroom' ? Classroom : Teacher> {
    const schools = schoolsOf(await this.community(communityId));
    if (!schools.includes(body.schoolId))
      throw invalid([
        problem('schoolId', 'not_school_of_community', {
          id: body.schoolId,
          community: communityId,
        }),
      ]);
    const record = { ...body, id: body.id ?? newId(kind === 'classroom' ? 'room' : 'tch') };
    if (await this.repo.get(kind, record.id)) throw exists(kind, record.id);
    await this.repo.apply({ put: { [kind]: [record] } });
    return record as K extends 'classroom' ? Classroom : Teacher;
  }
}
