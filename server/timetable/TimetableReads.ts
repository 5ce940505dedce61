// What the timetable's use cases read: records by id (a 404 when missing), the context the
// checks need, every series related to a change, the conflicts of candidates against them
// and the week grid. Writes are in TimetableDirectory and TimetableService.
import type { Classroom, Community, School, Teacher } from '../../shared/timetable/model';
import type {
  Conflict,
  OccurrenceOverride,
  SeriesRecord,
  SeriesSpec,
} from '../../shared/timetable/series';
import type { DiffReply, GridOccurrence, WeekReply } from '../../shared/timetable/api';
import type { TimetableRepository } from '../store/timetable/TimetableRepository';
import { loadContext } from '../store/timetable/loadContext';
import type { TimetableContext } from './conflicts';
import type { Expanded, SeriesInput } from './expand';
import { checkTimetable, groupOverrides } from './timetable';
import { schoolsConcerned, seriesDiff, specsEqual } from './diff';
import { addDays, minutesOf, weekdayOf } from './localTime';
import { memberSlot } from './memberClock';
import { dayOf } from './calendar';
import { schoolsOf } from './community';
import { inputOf, type View } from './seriesInput';
import { notFound } from './timetableErrors';

export class TimetableReads {
  constructor(
    protected readonly repo: TimetableRepository,
    readonly zone: string,
  ) {}

  async community(id: string): Promise<Community> {
    const c = await this.repo.get('community', id);
    if (!c) throw notFound('community', id);
    return c;
  }

  /** The communities among these ids that exist. */
  communities(ids: readonly string[]): Promise<Community[]> {
    return this.repo.getMany('community', ids);
  }

  /** The communities a school belongs to (as core or member). */
  communitiesOfSchool(schoolId: string): Promise<Community[]> {
    return this.repo.byRef('community', `school:${schoolId}`);
  }

  async series(communityId: string, id: string): Promise<SeriesRecord> {
    const s = await this.repo.get('series', id);
    if (!s || s.communityId !== communityId) throw notFound('series', id, communityId);
    return s;
  }

  seriesOf(communityId: string): Promise<SeriesRecord[]> {
    return this.repo.byRef('series', `community:${communityId}`);
  }

  /** A school of the community, or a 404. */
  async schoolIn(communityId: string, schoolId: string): Promise<School> {
    const community = await this.community(communityId);
    const school = schoolsOf(community).includes(schoolId)
      ? await this.repo.get('school', schoolId)
      : undefined;
    if (!school) throw notFound('school', schoolId, communityId);
    return school;
  }

  async schoolsIn(communityId: string): Promise<School[]> {
    return this.repo.getMany('school', schoolsOf(await this.community(communityId)));
  }

  /** Classrooms or teachers of every school of the community. */
  async peopleIn<K extends 'classroom' | 'teacher'>(
    kind: K,
    communityId: string,
  ): Promise<(K extends 'classroom' ? Classroom : Teacher)[]> {
    const out = [];
    for (const id of schoolsOf(await this.community(communityId)))
      out.push(...(await this.repo.byRef(kind, `school:${id}`)));
    return out as (K extends 'classroom' ? Classroom : Teacher)[];
  }

  async classroom(id: string): Promise<Classroom> {
    const room = await this.repo.get('classroom', id);
    if (!room) throw notFound('classroom', id);
    return room;
  }

  async teacher(id: string): Promise<Teacher> {
    const found = await this.repo.get('teacher', id);
    if (!found) throw notFound('teacher', id);
    return found;
  }

  /** The school a teacher teaches at; undefined for an unknown teacher. */
  async schoolOfTeacher(teacherId: string | undefined): Promise<string | undefined> {
    return teacherId ? (await this.repo.get('teacher', teacherId))?.schoolId : undefined;
  }

  /** School names by id, for refusals a person reads. */
  async schoolNames(ids: readonly string[]): Promise<(id: string) => string | undefined> {
    const names = new Map((await this.repo.getMany('school', ids)).map((s) => [s.id, s.name]));
    return (id) => names.get(id);
  }

  context(): Promise<TimetableContext> {
    return loadContext(this.repo, this.zone);
  }

  /** Every stored series that may share a classroom or teacher with these specs. */
  async related(specs: readonly SeriesSpec[]): Promise<SeriesRecord[]> {
    const refs = new Set<string>();
    for (const s of specs) {
      refs.add(`teacher:${s.teacherId}`).add(`classroom:${s.coreClassroomId}`);
      for (const m of s.memberClassroomIds) refs.add(`classroom:${m}`);
      for (const m of s.memberTeachers ?? []) refs.add(`teacher:${m.teacherId}`);
    }
    const found = new Map<string, SeriesRecord>();
    for (const ref of refs) {
      for (const s of await this.repo.byRef('series', ref)) found.set(s.id, s);
      const substituted = (await this.repo.byRef('override', ref)).map((o) => o.seriesId);
      for (const s of await this.repo.getMany('series', substituted)) found.set(s.id, s);
    }
    return [...found.values()];
  }

  /**
   * Conflicts of `candidates` (new or changed, by id) against everything related, in `view`.
   * `extraOverride` stands for a change not stored yet; `replacing` are series whose changes
   * are being published with the candidates, so their published versions give way.
   */
  async check(
    candidates: readonly SeriesInput[],
    view: View,
    ctx?: TimetableContext,
    extraOverride?: OccurrenceOverride,
    replacing: ReadonlySet<string> = new Set(),
  ) {
    const context = ctx ?? (await this.context());
    const ids = new Set(candidates.map((c) => c.id));
    const related = await this.related(candidates.map((c) => c.spec));
    const others = related.filter((s) => !ids.has(s.id));
    const inputs = [
      ...candidates,
      ...others.map((s) => inputOf(s, view)).filter((x) => x !== undefined),
    ];
    // While a published series is renegotiated, classrooms follow its published version:
    // that slot stays busy for everyone else until the change is published.
    const working = new Map(inputs.map((i) => [i.id, i.spec]));
    const records = new Map(
      [...related, ...(await this.repo.getMany('series', [...ids]))].map((s) => [s.id, s]),
    );
    const standing =
      view === 'working'
        ? [...records.values()]
            .filter(
              (s) =>
                s.published &&
                !replacing.has(s.id) &&
                !specsEqual(s.published.spec, working.get(s.id) ?? s.spec),
            )
            .map((s) => inputOf(s, 'published'))
            .filter((x) => x !== undefined)
        : [];
    const overrides = [];
    for (const s of inputs)
      overrides.push(...(await this.repo.byRef('override', `series:${s.id}`)));
    const all = extraOverride
      ? [
          ...overrides.filter(
            (o) => !(o.seriesId === extraOverride.seriesId && o.date === extraOverride.date),
          ),
          extraOverride,
        ]
      : overrides;
    return checkTimetable(inputs, groupOverrides(all), context, ids, standing);
  }

  /** The working conflicts of one record (new or changed) against everything related. */
  async conflictsOf(
    s: SeriesRecord,
    view: View = 'working',
    ctx?: TimetableContext,
  ): Promise<Conflict[]> {
    const input = inputOf(s, view);
    if (!input) return [];
    return (await this.check([input], view, ctx)).conflicts.get(s.id) ?? [];
  }

  /** What the working copy changes against the published version, and who is concerned. */
  async diff(communityId: string, seriesId: string): Promise<DiffReply> {
    const s = await this.series(communityId, seriesId);
    const ids = [s.spec, s.published?.spec].flatMap((x) =>
      x ? [x.coreClassroomId, ...x.memberClassroomIds] : [],
    );
    const rooms = new Map((await this.repo.getMany('classroom', ids)).map((c) => [c.id, c]));
    return {
      seriesId,
      publishedVersion: s.published?.version ?? null,
      changes: seriesDiff(s.published?.spec, s.spec),
      schoolIds: schoolsConcerned([s.spec, s.published?.spec], rooms),
    };
  }

  /** The member schools a series asks (the core school is not asked). */
  async memberSchools(s: SeriesRecord): Promise<string[]> {
    const community = await this.community(s.communityId);
    const rooms = new Map(
      (await this.repo.getMany('classroom', s.spec.memberClassroomIds)).map((c) => [c.id, c]),
    );
    return schoolsConcerned([s.spec], rooms).filter((id) => id !== community.coreSchoolId);
  }

  /** The week of `date` in the community: occurrences on each school's clock, conflicts. */
  async week(communityId: string, date: string, view: View): Promise<WeekReply> {
    await this.community(communityId);
    const monday = addDays(date, 1 - weekdayOf(date));
    const days = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(monday, i));
    const series = await this.seriesOf(communityId);
    const ctx = await this.context();
    const inputs = series.map((s) => inputOf(s, view)).filter((x) => x !== undefined);
    const { expanded, conflicts } = await this.check(inputs, view, ctx);
    const inWeek = (o: Expanded) => o.date >= monday && o.date <= days[6]!;
    const occurrences = inputs.flatMap((s) =>
      (expanded.occurrences.get(s.id) ?? []).filter(inWeek).map((o) => gridOf(o, ctx)),
    );
    occurrences.sort(
      (a, b) => a.date.localeCompare(b.date) || a.clock.start.localeCompare(b.clock.start),
    );
    const weekConflicts = [...conflicts.values()]
      .flat()
      .filter((c) => !c.date || (c.date >= monday && c.date <= days[6]!));
    return { monday, days, occurrences, series, conflicts: weekConflicts };
  }
}

/** An occurrence in the grid, with how it fits each member school's bell. */
function gridOf(o: Expanded, ctx: TimetableContext): GridOccurrence {
  const lesson = { start: minutesOf(o.clock.start), end: minutesOf(o.clock.end) };
  const schools = new Set(o.memberClassroomIds.map((id) => ctx.classrooms.get(id)?.schoolId));
  const members = [...schools].flatMap((schoolId) => {
    const school = schoolId ? ctx.schools.get(schoolId) : undefined;
    if (!school) return [];
    const day = dayOf(school.calendar, o.date);
    const fit = memberSlot(
      lesson,
      school.bellSchedule,
      day.kind === 'teaching' ? day.followsWeekday : o.weekday,
    );
    return [{ schoolId: school.id, ...fit }];
  });
  const { start: _s, end: _e, communityId: _c, ...rest } = o;
  return { ...rest, memberClassroomIds: [...o.memberClassroomIds], members };
}
