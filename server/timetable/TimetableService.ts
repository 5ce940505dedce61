// The 一张表's use cases: series created, changed and removed, negotiated and published,
// single occurrences changed, lessons imported. Each loads what its check needs, calls the
// pure rules (negotiation.ts, specProblems.ts, timetable.ts) and writes one atomic change;
// a change to stored series goes through one compare-and-set (#writeSeries). Time is the
// caller's `now`.
import type { Community } from '../../shared/timetable/model';
import type {
  Actor,
  Conflict,
  OccurrenceOverride,
  SeriesRecord,
  SeriesSpec,
} from '../../shared/timetable/series';
import type {
  ExportQuery,
  ImportError,
  OverrideBody,
  PublishAllReply,
  RespondBody,
  SeriesReply,
} from '../../shared/timetable/api';
import type { TimetableChange } from '../store/timetable/TimetableRepository';
import type { TimetableContext } from './conflicts';
import { hardCount } from './conflicts';
import type { CsvRow } from './csv';
import { parseTimetableRows } from './importRows';
import { isRealDate } from './localTime';
import { edit, newSeries, propose, publish, respond, type Step } from './negotiation';
import { inputOf } from './seriesInput';
import { problemText, specProblems } from './specProblems';
import { TimetableDirectory, newId } from './TimetableDirectory';
import { publishTogether } from './publishTogether';
import { weekGrid, type GridBlock } from './weekGrid';
import { schoolsOf } from './community';
import {
  conflicting,
  exists,
  fieldOf,
  hardConflicts,
  invalid,
  invalidRows,
  notFound,
  refused,
  stale,
} from './timetableErrors';
import { problem } from './fieldProblem';
import {
  TimetableEvents,
  occurrenceEvent,
  proposedEvent,
  publishedEvent,
  type TimetableEvent,
} from './timetableEvents';

export class TimetableService extends TimetableDirectory {
  /** After each successful write that may concern someone (server/notifications listens). */
  readonly events = new TimetableEvents();
  #emit(event: TimetableEvent | undefined): void {
    if (event) this.events.emit('change', event);
  }

  /**
   * The one compare-and-set: writes `change` only if each of `expected` still has the
   * revision it was read with; otherwise nothing is written and the caller gets a 409.
   */
  async #writeSeries(change: TimetableChange, expected: readonly SeriesRecord[]): Promise<void> {
    const written = await this.repo.apply({
      ...change,
      expectSeries: expected.map((s) => ({ id: s.id, revision: s.revision })),
    });
    if (!written) throw stale(expected.map((s) => s.id));
  }

  /** The context, once the spec's references hold in the community; else a 400 naming each. */
  async #validSpec(community: Community, spec: SeriesSpec): Promise<TimetableContext> {
    const ctx = await this.context();
    const problems = specProblems(spec, ctx, community);
    if (problems.length) throw invalid(problems.map((p) => fieldOf(p, 'spec')));
    return ctx;
  }

  #reply(s: SeriesRecord, ctx?: TimetableContext): Promise<SeriesReply> {
    return this.conflictsOf(s, 'working', ctx).then((conflicts) => ({ series: s, conflicts }));
  }

  /** Conflicts a lesson would have (of `seriesId`, changed, or a new one); nothing saved. */
  async checkSpec(communityId: string, spec: SeriesSpec, seriesId = '(new)'): Promise<Conflict[]> {
    const ctx = await this.#validSpec(await this.community(communityId), spec);
    const { conflicts } = await this.check(
      [{ id: seriesId, communityId, spec, version: 1 }],
      'working',
      ctx,
    );
    return conflicts.get(seriesId) ?? [];
  }

  /** A draft series; its conflicts come back with it. */
  async createSeries(
    communityId: string,
    body: { id?: string; spec: SeriesSpec },
    now: number,
  ): Promise<SeriesReply> {
    const ctx = await this.#validSpec(await this.community(communityId), body.spec);
    const id = body.id ?? newId('ser');
    if (await this.repo.get('series', id)) throw exists('series', id);
    const series = newSeries(id, communityId, body.spec, now);
    await this.repo.apply({ put: { series: [series] } });
    return this.#reply(series, ctx);
  }

  /** A change made on `revision`; a published series gets a new version to negotiate. */
  async updateSeries(
    communityId: string,
    seriesId: string,
    body: { spec: SeriesSpec; revision: number },
    now: number,
  ): Promise<SeriesReply> {
    const current = await this.series(communityId, seriesId);
    const ctx = await this.#validSpec(await this.community(communityId), body.spec);
    if (current.revision !== body.revision) throw stale([seriesId]);
    const record = await this.#step(current, edit(current, body.spec, now));
    return this.#reply(record, ctx);
  }

  /** Removes a series and its occurrence changes, unless it changed meanwhile. */
  async removeSeries(communityId: string, seriesId: string): Promise<void> {
    const current = await this.series(communityId, seriesId);
    const overrides = await this.repo.byRef('override', `series:${seriesId}`);
    await this.#writeSeries(
      { delete: { series: [seriesId], override: overrides.map((o) => `${o.seriesId}:${o.date}`) } },
      [current],
    );
  }

  /** A negotiation step's result written over `current`, or its refusal as a 409. */
  async #step(current: SeriesRecord, result: Step): Promise<SeriesRecord> {
    if (!result.ok) throw refused(result, await this.schoolNames(result.schoolIds ?? []));
    await this.#writeSeries({ put: { series: [result.record] } }, [current]);
    return result.record;
  }

  /** Asks the member schools to accept the draft. */
  async propose(communityId: string, seriesId: string, now: number): Promise<SeriesReply> {
    const current = await this.series(communityId, seriesId);
    const step = propose(current, await this.memberSchools(current), now);
    const record = await this.#step(current, step);
    this.#emit(proposedEvent(record, now));
    return this.#reply(record);
  }

  /** A member school's answer, given by `by` (on its behalf: a coordinator's 代为同意). */
  async respond(
    communityId: string,
    seriesId: string,
    answer: RespondBody & { by: Actor; onBehalf: boolean },
    now: number,
  ): Promise<SeriesReply> {
    const current = await this.series(communityId, seriesId);
    return this.#reply(await this.#step(current, respond(current, answer, now)));
  }

  /** Publishes one series: refused while a school objects or has not answered, or hard conflicts remain. */
  async publish(communityId: string, seriesId: string, now: number): Promise<SeriesReply> {
    const current = await this.series(communityId, seriesId);
    const conflicts = await this.conflictsOf(current);
    const step = publish(current, hardCount(conflicts), now);
    if (!step.ok && step.code === 'hard_conflicts') throw hardConflicts(step, conflicts);
    const record = await this.#step(current, step);
    this.#emit(publishedEvent([{ before: current, after: record }], now));
    return this.#reply(record);
  }

  /**
   * Publishes together every proposed series of the community that may be published, in
   * one change: a swap is never half published. The rest come back with their reasons.
   */
  async publishAll(communityId: string, now: number): Promise<PublishAllReply> {
    const proposed = (await this.seriesOf(communityId)).filter((s) => s.status === 'proposed');
    const names = await this.schoolNames(
      proposed.flatMap((s) => s.responses.map((r) => r.schoolId)),
    );
    const { published, refused } = await publishTogether(this, proposed, names, now);
    const before = new Map(proposed.map((s) => [s.id, s]));
    await this.#writeSeries(
      { put: { series: published } },
      published.map((s) => before.get(s.id)!),
    );
    this.#emit(
      publishedEvent(
        published.map((s) => ({ before: before.get(s.id), after: s })),
        now,
      ),
    );
    return { published: published.map((s) => s.id), refused };
  }

  /** Cancels, moves or substitutes one occurrence (an empty body restores it). */
  async setOverride(
    communityId: string,
    occurrenceId: string,
    body: OverrideBody,
    now: number,
  ): Promise<{ override: OccurrenceOverride; conflicts: Conflict[] }> {
    const date = occurrenceId.slice(-10);
    const seriesId = occurrenceId.slice(0, -11);
    const series = await this.series(communityId, seriesId);
    const ctx = await this.context();
    if (body.moveTo && !isRealDate(body.moveTo.date))
      throw invalid([problem('moveTo/date', 'not_a_date', body.moveTo)]);
    const substitute = body.substituteTeacherId;
    if (substitute && !ctx.teachers.has(substitute))
      throw invalid([problem('substituteTeacherId', 'no_teacher', { id: substitute })]);
    const view = series.published ? 'published' : 'working';
    const previous = await this.repo.get('override', occurrenceId);
    const override: OccurrenceOverride = {
      seriesId,
      communityId,
      date,
      cancelled: body.cancelled ?? false,
      ...(body.moveTo ? { moveTo: body.moveTo } : {}),
      ...(body.substituteTeacherId ? { substituteTeacherId: body.substituteTeacherId } : {}),
      note: body.note ?? '',
      revision: (previous?.revision ?? 0) + 1,
      updatedAt: now,
    };
    const { expanded, conflicts } = await this.check([inputOf(series, view)!], view, ctx, override);
    if (!expanded.occurrences.get(seriesId)?.some((o) => o.occurrenceId === occurrenceId))
      throw notFound('occurrence', occurrenceId);
    const mine = conflicts.get(seriesId) ?? [];
    const hard = mine.filter(
      (c) => c.severity === 'hard' && (!c.occurrenceId || c.occurrenceId === occurrenceId),
    );
    if (hard.some((c) => c.occurrenceId === occurrenceId)) throw conflicting(hard);
    await this.repo.apply({ put: { override: [override] } });
    const changed = expanded.occurrences
      .get(seriesId)!
      .find((o) => o.occurrenceId === occurrenceId)!;
    this.#emit(occurrenceEvent(inputOf(series, view)!.spec, changed, previous, override, now));
    return { override, conflicts: mine.filter((c) => c.occurrenceId === occurrenceId) };
  }

  /** Imports rows as drafts: every bad row reported (400) and nothing written, or all. */
  async importRows(
    communityId: string,
    rows: readonly CsvRow[],
    now: number,
  ): Promise<{ created: string[]; conflicts: Conflict[] }> {
    const community = await this.community(communityId);
    const ctx = await this.context();
    const schools = await this.repo.getMany('school', schoolsOf(community));
    const inCommunity = new Set(schools.map((s) => s.id));
    const parsed = parseTimetableRows(rows, {
      schools,
      classrooms: [...ctx.classrooms.values()].filter((c) => inCommunity.has(c.schoolId)),
      teachers: [...ctx.teachers.values()].filter((t) => inCommunity.has(t.schoolId)),
    });
    const errors: ImportError[] = parsed.ok
      ? parsed.specs.flatMap(({ line, spec }) =>
          specProblems(spec, ctx, community).map((p) => ({
            line,
            field: p.field,
            code: p.code,
            reason: problemText(p),
          })),
        )
      : parsed.errors;
    if (!parsed.ok || errors.length > 0) throw invalidRows(errors);
    const series = parsed.specs.map(({ spec }) => newSeries(newId('ser'), communityId, spec, now));
    await this.repo.apply({ put: { series } });
    const { conflicts } = await this.check(
      series.map((s) => ({ id: s.id, communityId, spec: s.spec, version: 1 })),
      'working',
      ctx,
    );
    return { created: series.map((s) => s.id), conflicts: [...conflicts.values()].flat() };
  }

  /** The published week of `date` as blocks by school, classroom or teacher (for export). */
  async weekBlocks(
    communityId: string,
    { date, by = 'school' }: Pick<ExportQuery, 'date' | 'by'>,
  ): Promise<{ monday: string; blocks: GridBlock[] }> {
    const community = await this.community(communityId);
    const week = await this.week(communityId, date, 'published');
    const ctx = await this.context();
    const schools = schoolsOf(community);
    const groups =
      by === 'school'
        ? schools
        : [...(by === 'classroom' ? ctx.classrooms : ctx.teachers).values()]
            .filter((x) => schools.includes(x.schoolId))
            .map((x) => x.id);
    return { monday: week.monday, blocks: weekGrid(week.days, week.occurrences, by, groups, ctx) };
  }
}
