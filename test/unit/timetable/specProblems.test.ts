import { describe, expect, it } from 'vitest';
import type { Community } from '../../../shared/timetable/model';
import { messageOf } from '../../../shared/messages';
import { specProblems } from '../../../server/timetable/specProblems';
import { referenceProblems } from '../../../server/timetable/conflicts';
import { context, core, member, series, spec } from './support/world';

const community: Community = {
  id: 'ruian-p-18',
  name: '瑞安市实验小学教共体',
  mode: '共建型',
  stage: 'primary',
  district: '瑞安市',
  coreSchoolId: core.id,
  memberSchoolIds: [member.id],
};
const elsewhere = { id: 'sch-fz', name: '丰泽区实验小学' };
const ctx = () => {
  const c = context([core, member, { ...core, ...elsewhere }]);
  return {
    ...c,
    classrooms: new Map([
      ...c.classrooms,
      ['room-fz-1', { id: 'room-fz-1', schoolId: 'sch-fz', name: '一年级教室' }],
    ]),
    teachers: new Map([
      ...c.teachers,
      ['teacher-fz', { id: 'teacher-fz', schoolId: 'sch-fz', name: '林老师', subjects: [] }],
    ]),
  };
};
const brief = (problems: ReturnType<typeof specProblems>) =>
  problems.map((p) => [p.field, p.code, p.resourceId]);

describe('what a lesson series may name', () => {
  it('accepts a spec whose references hold in the community', () => {
    expect(specProblems(spec(), ctx(), community)).toEqual([]);
  });

  it('names every problem with its field, code and record, in form order', () => {
    const problems = specProblems(
      spec({
        teacherId: 'teacher-fz',
        coreClassroomId: 'room-gaolou-2',
        memberClassroomIds: ['room-fz-1', 'ghost', 'room-gaolou-1', 'room-gaolou-1'],
        memberTeachers: [
          { classroomId: 'room-gaolou-1', teacherId: 'teacher-wang' },
          { classroomId: 'room-gaolou-1', teacherId: 'nobody' },
          { classroomId: 'room-core-302', teacherId: 'teacher-zhao' },
        ],
      }),
      ctx(),
      community,
    );
    expect(brief(problems)).toEqual([
      ['teacherId', 'not_teacher_of_community', 'teacher-fz'],
      ['coreClassroomId', 'not_core_classroom', 'room-gaolou-2'],
      ['memberClassroomIds/0', 'not_in_community', 'room-fz-1'],
      ['memberClassroomIds/1', 'no_classroom', 'ghost'],
      ['memberClassroomIds/3', 'listed_twice', 'room-gaolou-1'],
      ['memberTeachers/0/teacherId', 'not_teacher_of_school', 'teacher-wang'],
      ['memberTeachers/1/classroomId', 'helper_named_twice', 'room-gaolou-1'],
      ['memberTeachers/1/teacherId', 'no_teacher', 'nobody'],
      ['memberTeachers/2/classroomId', 'not_member_classroom', 'room-core-302'],
      ['memberTeachers/2/teacherId', 'not_teacher_of_school', 'teacher-zhao'],
    ]);
  });

  it('has words for every code in the catalogue, Chinese first', () => {
    const problems = specProblems(
      spec({ teacherId: 'nobody', memberClassroomIds: ['room-core-301', 'room-fz-1'] }),
      ctx(),
      community,
    );
    expect(problems.map((p) => messageOf(p.code, p.params))).toEqual([
      { zh: '没有教师 nobody', en: 'no teacher nobody' },
      { zh: 'room-core-301 是主讲教室，不能同时听讲', en: 'room-core-301 is the core classroom' },
      {
        zh: 'room-fz-1 不属于教共体 ruian-p-18',
        en: 'room-fz-1 is not in community ruian-p-18',
      },
    ]);
  });

  it('without a community checks only that the records exist', () => {
    const problems = specProblems(
      spec({ teacherId: 'teacher-fz', memberClassroomIds: ['room-fz-1', 'ghost'] }),
      ctx(),
    );
    expect(brief(problems)).toEqual([['memberClassroomIds/1', 'no_classroom', 'ghost']]);
  });

  it("gives a stored series' missing records as hard conflicts in the same words", () => {
    const conflicts = referenceProblems(
      series('a', { teacherId: 'nobody', memberClassroomIds: ['room-core-301', 'ghost'] }),
      ctx(),
    );
    expect(conflicts).toEqual([
      expect.objectContaining({
        code: 'unknown_reference',
        severity: 'hard',
        resourceId: 'nobody',
        message: '没有教师 nobody no teacher nobody',
      }),
      expect.objectContaining({
        resourceId: 'room-core-301',
        message: 'room-core-301 是主讲教室，不能同时听讲 room-core-301 is the core classroom',
      }),
      expect.objectContaining({
        resourceId: 'ghost',
        message: '没有教室 ghost no classroom ghost',
      }),
    ]);
  });
});
