// The names behind a lesson's ids, read from the timetable's records: what the lesson
// record, the minutes' section titles and a classroom PC's name in the live room show.
// A record that is gone (a classroom deleted since) is left out; callers fall back to the id.
import type { ClassroomName, LessonNames as Names } from '../../shared/lessons';
import type { ScheduledOccurrence } from '../../shared/timetable/occurrence';
import { classroomLabel } from '../../shared/timetable/names';
import type { TimetableRepository } from '../store/timetable/TimetableRepository';

export class LessonNames {
  readonly #repo: Pick<TimetableRepository, 'getMany'>;

  constructor(repo: Pick<TimetableRepository, 'getMany'>) {
    this.#repo = repo;
  }

  /** In the order of `ids`, unknown classrooms left out. */
  async classrooms(ids: readonly string[]): Promise<ClassroomName[]> {
    const rooms = await this.#repo.getMany('classroom', ids);
    const schools = new Map(
      (await this.#repo.getMany('school', [...new Set(rooms.map((r) => r.schoolId))])).map((s) => [
        s.id,
        s,
      ]),
    );
    return rooms.map((room) => {
      const school = schools.get(room.schoolId);
      return {
        classroomId: room.id,
        name: room.name,
        schoolId: room.schoolId,
        schoolName: school?.name ?? '',
        label: classroomLabel(school, room),
      };
    });
  }

  /** "高楼镇中心小学 · 三(1)班", or undefined for a classroom the timetable does not know. */
  async classroomLabel(classroomId: string): Promise<string | undefined> {
    return (await this.classrooms([classroomId]))[0]?.label;
  }

  async ofLesson(
    o: Pick<
      ScheduledOccurrence,
      'communityId' | 'teacherId' | 'coreClassroomId' | 'memberClassroomIds'
    >,
  ): Promise<Names> {
    const [classrooms, [community], [teacher]] = await Promise.all([
      this.classrooms([o.coreClassroomId, ...o.memberClassroomIds]),
      this.#repo.getMany('community', [o.communityId]),
      this.#repo.getMany('teacher', [o.teacherId]),
    ]);
    return {
      ...(community ? { community: community.name } : {}),
      ...(teacher ? { teacher: teacher.name } : {}),
      classrooms,
    };
  }

  /** Community and teacher names for lesson lists, one read per kind. */
  async ofSummaries(
    lessons: readonly { communityId: string; teacherId: string }[],
  ): Promise<{ communities: Map<string, string>; teachers: Map<string, string> }> {
    const [communities, teachers] = await Promise.all([
      this.#repo.getMany('community', [...new Set(lessons.map((l) => l.communityId))]),
      this.#repo.getMany('teacher', [...new Set(lessons.map((l) => l.teacherId))]),
    ]);
    return {
      communities: new Map(communities.map((c) => [c.id, c.name])),
      teachers: new Map(teachers.map((t) => [t.id, t.name])),
    };
  }
}
