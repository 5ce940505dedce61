// The published 一张表 as the lesson clock reads it: published versions of every series,
// with their single-occurrence changes, expanded and cached until the store changes.
import type { OccurrenceSource, ScheduledOccurrence } from '../../../shared/timetable/occurrence';
import { expandAll, groupOverrides } from '../../timetable/timetable';
import { toScheduled, type Expanded } from '../../timetable/expand';
import { inputOf } from '../../timetable/seriesInput';
import type { TimetableRepository } from './TimetableRepository';
import { loadContext } from './loadContext';

export class TimetableOccurrenceSource implements OccurrenceSource {
  readonly #repo: TimetableRepository;
  readonly #zone: string;
  #cache: { generation: number; occurrences: Expanded[] } | undefined;

  constructor(repo: TimetableRepository, zone: string) {
    this.#repo = repo;
    this.#zone = zone;
  }

  /** Every published occurrence, cancelled ones included (the screens show them struck out). */
  async published(): Promise<Expanded[]> {
    const generation = await this.#repo.generation();
    if (this.#cache?.generation === generation) return this.#cache.occurrences;
    const series = await this.#repo.byRef('series', 'published');
    const inputs = series.map((s) => inputOf(s, 'published')).filter((x) => x !== undefined);
    const ctx = await loadContext(this.#repo, this.#zone);
    const overrides = groupOverrides(await this.#repo.list('override'));
    const expanded = expandAll(inputs, overrides, ctx);
    const occurrences = [...expanded.occurrences.values()].flat().sort((a, b) => a.start - b.start);
    this.#cache = { generation, occurrences };
    return occurrences;
  }

  async occurrencesBetween(from: number, to: number): Promise<ScheduledOccurrence[]> {
    return (await this.published())
      .filter((o) => o.status === 'scheduled' && o.start < to && o.end > from)
      .map((o) => toScheduled(o, this.#zone));
  }
}
