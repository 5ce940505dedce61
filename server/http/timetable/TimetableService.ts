// The timetable's use cases over the store: load what a check needs, call the pure domain
// functions, write the result as one atomic change. The routes stay thin.
import { randomUUID } from 'node:crypto';
import type { Community } from '../../../shared/timetable/model';
import type {
  Conflict,
  OccurrenceOverride,
  SeriesRecord,
  SeriesSpec,
} from '../../../shared/timetable/series';
import type { GridOccurrence, PublishAllReply, WeekReply } from '../../../shared/timetable/api';
import type { TimetableRepository } from '../../store/timetable/TimetableRepository';
import { loadContext } from '../../store/timetable/loadContext';
import type { TimetableContext } from '../../timetable/conflicts';
import { hardCount } from '../../timetable/conflicts';
import type { Expanded, SeriesInput } from '../../timetable/expand';
import { checkTimetable, groupOverrides } from '../../timetable/timetable';
import { publish, workingVersion, type Refusal } from '../../timetable/negotiation';
import { refusalText } from '../../timetable/refusalText';
import { specsEqual } from '../../timetable/diff';
import { addDays, minutesOf, weekdayOf } from '../../timetable/localTime';
import { memberSlot } from '../../timetable/memberClock';
import { dayOf } from '../../timetable/calendar';
import { schoolsOf } from '../../timetable/community';
import { DomainError } from '../errorHandler';

export type View = 'working' | 'published';

export const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export function invalid(problems: string[], prefix = 'body'): DomainError {
  const details = problems.map((p) => {
    const at = p.indexOf(': ');
    return at > 0
      ? { field: `${prefix}/${p.slice(0, at)}`, message: p.slice(at + 2) }
      : { field: prefix, message: p };
  });
  return new DomainError(
    'invalid_request',
    details.map((d) => `${d.field}: ${d.message}`).join('; '),
    400,
    details,
  );
}

export function inputOf(s: SeriesRecord, view: View): SeriesInput | undefined {
  if (view === 'published')
    return s.published
      ? {
          id: s.id,
          communityId: s.communityId,
          spec: s.published.spec,
          version: s.published.version,
        }
      : undefined;
  return { id: s.id, communityId: s.communityId, spec: s.spec, version: workingVersion(s) };
}

export class TimetableService {
  constructor(
    readonly repo: TimetableRepository,
    readonly zone: string,
    readonly now: () => number,
  ) {}

  async community(id: string): Promise<Community> {
    const c = await this.repo.get('community', id);
    if (!c) throw new DomainError('not_found', `no community ${id}`, 404);
    return c;
  }

  async series(communityId: string, id: string): Promise<SeriesRecord> {
    const s = await this.repo.get('series', id);
    if (!s || s.communityId !== communityId)
      throw new DomainError('not_found', `no series ${id} in ${communityId}`, 404);
    return s;
  }

  context(): Promise<TimetableContext> {
    return loadContext(this.repo, this.zone);
  }

  /** The context, once the spec's references hold in the community; else a 400 naming each. */
  async validSpec(communityId: string, spec: SeriesSpec): Promise<TimetableContext> {
    const community = await this.community(communityId);
    const ctx = await this.context();
    const problems = this.specProblems(community, spec, ctx);
    if (problems.length) throw invalid(problems);
    return ctx;
  }

  /** Problems of a spec's references within the community, as `field: reason`. */
  specProblems(
    community: Community,
    spec: SeriesSpec,
    ctx: TimetableContext,
    field = 'spec',
  ): string[] {
    const schools = new Set(schoolsOf(community));
    const problems: string[] = [];
    const core = ctx.classrooms.get(spec.coreClassroomId);
    if (!core) problems.push(`${field}/coreClassroomId: no classroom ${spec.coreClassroomId}`);
    else if (core.schoolId !== community.coreSchoolId)
      problems.push(
        `${field}/coreClassroomId: ${spec.coreClassroomId} is not a classroom of the core school`,
      );
    spec.memberClassroomIds.forEach((id, i) => {
      const room = ctx.classrooms.get(id);
      if (!room) problems.push(`${field}/memberClassroomIds/${i}: no classroom ${id}`);
      else if (!schools.has(room.schoolId))
        problems.push(
          `${field}/memberClassroomIds/${i}: ${id} is not in community ${community.id}`,
        );
      else if (id === spec.coreClassroomId)
        problems.push(`${field}/memberClassroomIds/${i}: ${id} is the core classroom`);
    });
    const named = new Set<string>();
    (spec.memberTeachers ?? []).forEach(({ classroomId, teacherId }, i) => {
      const at = `${field}/memberTeachers/${i}`;
      if (!spec.memberClassroomIds.includes(classroomId))
        problems.push(`${at}/classroomId: ${classroomId} is not a member classroom of this lesson`);
      else if (named.has(classroomId))
        problems.push(`${at}/classroomId: ${classroomId} already has a 辅导教师`);
      named.add(classroomId);
      const helper = ctx.teachers.get(teacherId);
      const room = ctx.classrooms.get(classroomId);
      if (!helper) problems.push(`${at}/teacherId: no teacher ${teacherId}`);
      else if (room && helper.schoolId !== room.schoolId)
        problems.push(`${at}/teacherId: ${teacherId} does not teach at ${room.schoolId}`);
    });
    const teacher = ctx.teachers.get(spec.teacherId);
    if (!teacher) problems.push(`${field}/teacherId: no teacher ${spec.teacherId}`);
    else if (!schools.has(teacher.schoolId))
      problems.push(
        `${field}/teacherId: ${spec.teacherId} does not teach in community ${community.id}`,
      );
    return problems;
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

  /** A refusal as a 409 a person can read: schools by their names, their ids in details. */
  async refusal(r: Refusal, prefix = ''): Promise<DomainError> {
    const ids = r.schoolIds ?? [];
    const names = new Map((await this.repo.getMany('school', ids)).map((s) => [s.id, s.name]));
    return new DomainError(
      r.code,
      prefix + refusalText(r, (id) => names.get(id)),
      409,
      ids.length > 0 ? { schoolIds: ids } : undefined,
    );
  }

  /**
   * Publishes these series together if it can: what each becomes, or why it is refused.
   * Checked as one batch, each series' published version giving way to its change in the
   * same batch: two lessons can swap slots, which neither could alone. A refused series
   * keeps its published slot, which may refuse others in turn: repeat until none drops out.
   */
  async publishTogether(records: readonly SeriesRecord[]): Promise<{
    published: SeriesRecord[];
    refused: PublishAllReply['refused'];
  }> {
    const ctx = await this.context();
    const now = this.now();
    const refused: PublishAllReply['refused'] = [];
    let batch = [...records];
    for (;;) {
      const ids = new Set(batch.map((r) => r.id));
      const inputs = batch.map((r) => inputOf(r, 'working')).filter((x) => x !== undefined);
      const { conflicts } = await this.check(inputs, 'working', ctx, undefined, ids);
      const published: SeriesRecord[] = [];
      const kept: SeriesRecord[] = [];
      for (const r of batch) {
        const step = publish(r, hardCount(conflicts.get(r.id) ?? []), now);
        if (step.ok) {
          published.push(step.record);
          kept.push(r);
        } else {
          const lesson = `${r.spec.subject}（周${'一二三四五六日'[r.spec.weekday - 1]}第${r.spec.period}节）：`;
          const { message } = await this.refusal(step, lesson);
          refused.push({
            seriesId: r.id,
            code: step.code,
            message,
            ...(step.schoolIds ? { schoolIds: step.schoolIds } : {}),
          });
        }
      }
      if (kept.length === batch.length) return { published, refused };
      batch = kept;
    }
  }

  async conflictsOf(s: SeriesRecord, view: View = 'working'): Promise<Conflict[]> {
    const input = inputOf(s, view);
    if (!input) return [];
    return (await this.check([input], view)).conflicts.get(s.id) ?? [];
  }

  /** The week of `date` in the community: occurrences on each school's clock, conflicts. */
  async week(communityId: string, date: string, view: View): Promise<WeekReply> {
    const monday = addDays(date, 1 - weekdayOf(date));
    const days = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(monday, i));
    const series = await this.repo.byRef('series', `community:${communityId}`);
    const ctx = await this.context();
    const inputs = series.map((s) => inputOf(s, view)).filter((x) => x !== undefined);
    const { expanded, conflicts } = await this.check(inputs, view, ctx);
    const inWeek = (o: Expanded) => o.date >= monday && o.date <= days[6]!;
    const occurrences = inputs.flatMap((s) =>
      (expanded.occurrences.get(s.id) ?? []).filter(inWeek).map((o) => this.#grid(o, ctx)),
    );
    occurrences.sort(
      (a, b) => a.date.localeCompare(b.date) || a.clock.start.localeCompare(b.clock.start),
    );
    const weekConflicts = [...conflicts.values()]
      .flat()
      .filter((c) => !c.date || (c.date >= monday && c.date <= days[6]!));
    return { monday, days, occurrences, series, conflicts: weekConflicts };
  }

  #grid(o: Expanded, ctx: TimetableContext): GridOccurrence {
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

  /** Refuses (409, with every reason) a change that leaves hard conflicts on one occurrence. */
  static refuseHard(conflicts: Conflict[], occurrenceId: string): void {
    const hard = conflicts.filter(
      (c) => c.severity === 'hard' && (!c.occurrenceId || c.occurrenceId === occurrenceId),
    );
    if (hard.length > 0 && hard.some((c) => c.occurrenceId === occurrenceId))
      throw new DomainError('conflicts', hard.map((c) => c.message).join('; '), 409, hard);
  }

  static hard = hardCount;
}
