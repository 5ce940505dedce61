// Gathers what the reports fold: the published lessons of the range, the facts kept of
// finished ones, fresh facts of the others (record, attendance, minutes, material), the
// reviews and the timetable's names. Facts that became final are kept on the way, so the
// next report of the term reads them instead of replaying attendance.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../shared/auth';
import type {
  CommunityReport,
  DistrictReport,
  LessonFacts,
  Review,
  ReviewBody,
  Rubric,
  RubricReply,
  RubricScope,
  SchoolReport,
} from '../../shared/evaluation';
import type { LessonRecord } from '../../shared/lessons';
import { minutesSections } from '../../shared/research';
import type { TermCalendar } from '../../shared/timetable/model';
import { computeAttendance, lessonWindow } from '../lessons/attendance';
import type { MinutesService } from '../research/MinutesService';
import type { EvaluationRepository } from '../store/evaluation/EvaluationRepository';
import type {
  AttendanceRepository,
  LessonRepository,
  MaterialRepository,
} from '../store/lessons/LessonRepository';
import type { TimetableRepository } from '../store/timetable/TimetableRepository';
import { lessonFacts, type PlannedLesson } from './lessonFacts';
import { localDate, resolveRange, type ResolvedRange } from './range';
import {
  communityReport,
  districtReport,
  schoolReport,
  type Directory,
  type ReportInput,
} from './reports';
import { reviewFigures } from './totals';
import { reviewProblems, rubricFor, type ReviewProblem } from './reviews';
import type { ReportQuery } from '../../shared/evaluation';

export interface EvaluationDeps {
  /** published lessons starting in [from, to), cancelled ones included */
  plan(from: number, to: number): Promise<PlannedLesson[]>;
  lessons: LessonRepository;
  attendance: AttendanceRepository;
  materials: MaterialRepository;
  minutes: Pick<MinutesService, 'text'>;
  evaluation: EvaluationRepository;
  timetable: TimetableRepository;
  zone: string;
  now: () => number;
}

export class ReviewError extends Error {
  constructor(
    readonly reason: 'not_found' | 'not_started' | 'invalid',
    message: string,
    readonly problems: ReviewProblem[] = [],
  ) {
    super(message);
  }
}

export class EvaluationService {
  readonly #d: EvaluationDeps;
  #directory: { generation: number; value: Directory } | undefined;

  constructor(deps: EvaluationDeps) {
    this.#d = deps;
  }

  /** Communities, schools, classrooms, teachers: read again only when the timetable changed. */
  async directory(): Promise<Directory> {
    const generation = await this.#d.timetable.generation();
    if (this.#directory?.generation === generation) return this.#directory.value;
    const t = this.#d.timetable;
    const [communities, schools, classrooms, teachers] = await Promise.all([
      t.list('community'),
      t.list('school'),
      t.list('classroom'),
      t.list('teacher'),
    ]);
    const value: Directory = {
      communities: new Map(communities.map((c) => [c.id, c])),
      schools: new Map(schools.map((s) => [s.id, s])),
      classrooms: new Map(classrooms.map((c) => [c.id, c])),
      teachers: new Map(teachers.map((x) => [x.id, x])),
    };
    this.#directory = { generation, value };
    return value;
  }

  /** The range asked for, else the term of the communities' core schools that is on. */
  range(query: ReportQuery, communityIds: readonly string[], d: Directory): ResolvedRange {
    const calendars = new Map<string, TermCalendar>();
    for (const id of communityIds) {
      const core = d.schools.get(d.communities.get(id)?.coreSchoolId ?? '');
      if (core) calendars.set(`${core.calendar.firstDay}/${core.calendar.lastDay}`, core.calendar);
    }
    const today = localDate(this.#d.now(), this.#d.zone);
    return resolveRange(query, [...calendars.values()], today, this.#d.zone);
  }

  /** The communities of the principal's scope that the timetable has. */
  scopeOf(principal: Principal, d: Directory): string[] {
    return principal.communityIds.filter((id) => d.communities.has(id));
  }

  async district(principal: Principal, query: ReportQuery): Promise<DistrictReport> {
    const d = await this.directory();
    const ids = this.scopeOf(principal, d);
    const input = await this.#input(ids, this.range(query, ids, d), d);
    return districtReport(input, ids);
  }

  async community(communityId: string, query: ReportQuery): Promise<CommunityReport> {
    const d = await this.directory();
    const input = await this.#input([communityId], this.range(query, [communityId], d), d);
    return communityReport(input, communityId);
  }

  async school(
    communityId: string,
    schoolId: string,
    query: ReportQuery,
  ): Promise<SchoolReport | undefined> {
    const d = await this.directory();
    const input = await this.#input([communityId], this.range(query, [communityId], d), d);
    return schoolReport(input, communityId, schoolId);
  }

  /** Every community's report (the export's school and teacher sheets). */
  async communities(principal: Principal, query: ReportQuery) {
    const d = await this.directory();
    const ids = this.scopeOf(principal, d);
    const input = await this.#input(ids, this.range(query, ids, d), d);
    return {
      district: districtReport(input, ids),
      communities: ids.map((id) => communityReport(input, id)),
    };
  }

  async #input(ids: readonly string[], range: ResolvedRange, d: Directory): Promise<ReportInput> {
    const wanted = new Set(ids);
    const plan = (await this.#d.plan(range.fromMs, range.toMs)).filter((p) =>
      wanted.has(p.occurrence.communityId),
    );
    const byCommunity = new Map<string, PlannedLesson[]>(ids.map((id) => [id, []]));
    for (const p of plan) byCommunity.get(p.occurrence.communityId)!.push(p);
    const parts = await Promise.all(
      ids.map(async (id) => {
        const [facts, reviews] = await Promise.all([
          this.#facts(id, byCommunity.get(id)!, range, d),
          this.#d.evaluation.reviewsBetween(id, range.fromMs, range.toMs),
        ]);
        return { facts, reviews };
      }),
    );
    return {
      range: { from: range.from, to: range.to, ...(range.term ? { term: range.term } : {}) },
      facts: parts.flatMap((p) => p.facts),
      reviews: reviewFigures(parts.flatMap((p) => p.reviews)),
      directory: d,
      zone: this.#d.zone,
      now: this.#d.now(),
    };
  }

  async #facts(
    communityId: string,
    plan: readonly PlannedLesson[],
    range: ResolvedRange,
    d: Directory,
  ): Promise<LessonFacts[]> {
    const now = this.#d.now();
    const kept = new Map(
      (await this.#d.evaluation.factsBetween(communityId, range.fromMs, range.toMs))
        .filter((f) => f.final)
        .map((f) => [f.occurrenceId, f]),
    );
    const pending = plan.filter((p) => !kept.has(p.occurrence.occurrenceId));
    if (pending.length === 0) return [...kept.values()];
    // Records only for the span of lessons not settled yet: a term half over reads half.
    const since = Math.min(...pending.map((p) => Date.parse(p.occurrence.start)));
    const records = new Map(
      (
        await this.#d.lessons.list({
          communityId,
          from: since,
          to: range.toMs,
          limit: Number.MAX_SAFE_INTEGER,
        })
      ).map((r) => [r.occurrence.occurrenceId, r]),
    );
    const planned = new Map(pending.map((p) => [p.occurrence.occurrenceId, p]));
    const ids = new Set([...planned.keys(), ...[...records.keys()].filter((id) => !kept.has(id))]);
    const fresh = await Promise.all(
      [...ids].map((id) => this.#lessonFacts(planned.get(id), records.get(id), d, now)),
    );
    const settled = fresh.filter((f) => f.final);
    if (settled.length > 0) await this.#d.evaluation.putFacts(settled);
    return [...kept.values(), ...fresh];
  }

  async #lessonFacts(
    plan: PlannedLesson | undefined,
    record: LessonRecord | undefined,
    d: Directory,
    now: number,
  ): Promise<LessonFacts> {
    const o = record?.occurrence ?? plan!.occurrence;
    const ran = record?.transitions.some((t) => t.to === 'live') ?? false;
    const researched = record?.transitions.some((t) => t.to === 'research') ?? false;
    const sections = minutesSections(o);
    const [events, text, materials] = await Promise.all([
      ran ? this.#d.attendance.list(o.occurrenceId) : [],
      researched
        ? this.#d.minutes.text(
            o.occurrenceId,
            sections.map((s) => s.key),
          )
        : {},
      record ? this.#d.materials.listFor(o.occurrenceId, o.seriesId) : [],
    ]);
    return lessonFacts(
      {
        ...(plan ? { plan } : {}),
        ...(record ? { record } : {}),
        ...(ran && record
          ? {
              attendance: computeAttendance(events, record.occurrence, {
                window: lessonWindow(record, now),
                now,
              }),
            }
          : {}),
        ...(researched ? { minutes: { sections, text } } : {}),
        materials: materials.length,
        schoolOf: (id) => d.classrooms.get(id)?.schoolId,
      },
      now,
    );
  }

  /**
   * A lesson just archived: its facts are final, so they are kept now and the next report
   * of the term reads them instead of this lesson's attendance and minutes. (Material
   * attached after this is not counted: the facts are final.)
   */
  async keep(record: LessonRecord): Promise<void> {
    if (record.state !== 'archived') return;
    const d = await this.directory();
    const start = Date.parse(record.occurrence.start);
    const plan = (await this.#d.plan(start, start + 1)).find(
      (p) => p.occurrence.occurrenceId === record.occurrence.occurrenceId,
    );
    const facts = await this.#lessonFacts(plan, record, d, this.#d.now());
    if (facts.final) await this.#d.evaluation.putFacts([facts]);
  }

  /** One lesson's facts, fresh (a lesson's page shows it as it is now). */
  async lesson(occurrenceId: string): Promise<
    | {
        facts: LessonFacts;
        record: LessonRecord;
        reviews: Review[];
        directory: Directory;
      }
    | undefined
  > {
    const record = await this.#d.lessons.get(occurrenceId);
    if (!record) return undefined;
    const d = await this.directory();
    const start = Date.parse(record.occurrence.start);
    const plan = (await this.#d.plan(start, start + 1)).find(
      (p) => p.occurrence.occurrenceId === occurrenceId,
    );
    const [facts, reviews] = await Promise.all([
      this.#lessonFacts(plan, record, d, this.#d.now()),
      this.#d.evaluation.reviewsOf(occurrenceId),
    ]);
    return { facts, record, reviews, directory: d };
  }

  async rubric(communityId: string): Promise<RubricReply> {
    const d = await this.directory();
    const district = d.communities.get(communityId)?.district;
    const [own, ofDistrict] = await Promise.all([
      this.#d.evaluation.rubric('community', communityId),
      district ? this.#d.evaluation.rubric('district', district) : undefined,
    ]);
    return rubricFor(own, ofDistrict);
  }

  setRubric(scope: RubricScope, id: string, rubric: Rubric): Promise<void> {
    return this.#d.evaluation.setRubric(scope, id, rubric);
  }

  /** 评课 of a lesson that has begun, scored on its community's rubric. */
  async review(record: LessonRecord, by: Principal, body: ReviewBody): Promise<Review> {
    if (!record.transitions.some((t) => t.to === 'live'))
      throw new ReviewError('not_started', '课程尚未开始，不能评课 the lesson has not begun');
    const o = record.occurrence;
    const { rubric } = await this.rubric(o.communityId);
    const problems = reviewProblems(body, rubric);
    if (problems.length > 0) throw new ReviewError('invalid', problems[0]!.message, problems);
    const review: Review = {
      id: randomUUID(),
      occurrenceId: o.occurrenceId,
      communityId: o.communityId,
      lessonStart: Date.parse(o.start),
      reviewer: by.sub,
      reviewerName: by.name,
      at: this.#d.now(),
      rubric,
      scores: body.scores.map((s) => ({ criterion: s.criterion, score: s.score })),
      comment: body.comment.trim(),
    };
    await this.#d.evaluation.addReview(review);
    return review;
  }
}
