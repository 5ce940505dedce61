// The negotiation of one series: draft → proposed to the member schools → each accepts or
// objects → the coordinator publishes. Editing a published series starts a new version; the
// published one stays in force until the new one is published.
import type { SeriesRecord, SeriesSpec } from '../../shared/timetable/series';
import { seriesDiff, specsEqual } from './diff';

export type Step =
  { ok: true; record: SeriesRecord } | { ok: false; code: string; message: string };

const refuse = (code: string, message: string): Step => ({ ok: false, code, message });
const next = (r: SeriesRecord, now: number, patch: Partial<SeriesRecord>): Step => ({
  ok: true,
  record: { ...r, ...patch, revision: r.revision + 1, updatedAt: now },
});

export function newSeries(
  id: string,
  communityId: string,
  spec: SeriesSpec,
  now: number,
): SeriesRecord {
  return {
    id,
    communityId,
    spec,
    status: 'draft',
    responses: [],
    history: [],
    revision: 0,
    updatedAt: now,
  };
}

/** Any edit withdraws a proposal; returning to exactly the published spec is published again. */
export function edit(r: SeriesRecord, spec: SeriesSpec, now: number): Step {
  const back = specsEqual(r.published?.spec, spec);
  return next(r, now, { spec, status: back ? 'published' : 'draft', responses: [] });
}

/** `memberSchoolIds`: the member schools whose classrooms take the lesson. */
export function propose(r: SeriesRecord, memberSchoolIds: readonly string[], now: number): Step {
  if (r.status !== 'draft')
    return refuse('not_draft', `series ${r.id} is ${r.status}, not a draft`);
  if (memberSchoolIds.length === 0) return refuse('no_member_school', 'no member school to ask');
  return next(r, now, {
    status: 'proposed',
    responses: memberSchoolIds.map((schoolId) => ({
      schoolId,
      decision: 'pending',
      comment: '',
      at: 0,
    })),
  });
}

export function respond(
  r: SeriesRecord,
  schoolId: string,
  decision: 'accepted' | 'objected',
  comment: string,
  now: number,
): Step {
  if (r.status !== 'proposed') return refuse('not_proposed', `series ${r.id} is not proposed`);
  if (!r.responses.some((x) => x.schoolId === schoolId))
    return refuse('not_asked', `school ${schoolId} is not asked about series ${r.id}`);
  if (decision === 'objected' && comment.trim() === '')
    return refuse('comment_required', 'an objection needs a comment');
  return next(r, now, {
    responses: r.responses.map((x) =>
      x.schoolId === schoolId ? { schoolId, decision, comment, at: now } : x,
    ),
  });
}

/**
 * Refused while a school objects or a hard conflict remains. Schools that have not
 * answered do not block: the coordinator decides when waiting is over.
 */
export function publish(r: SeriesRecord, hardConflicts: number, now: number): Step {
  if (r.status !== 'proposed')
    return refuse('not_proposed', `series ${r.id} must be proposed first`);
  const objection = r.responses.find((x) => x.decision === 'objected');
  if (objection)
    return refuse('objection_open', `school ${objection.schoolId} objects: ${objection.comment}`);
  if (hardConflicts > 0) return refuse('hard_conflicts', `${hardConflicts} hard conflicts remain`);
  const version = {
    version: (r.published?.version ?? 0) + 1,
    spec: r.spec,
    publishedAt: now,
    changes: seriesDiff(r.published?.spec, r.spec),
  };
  return next(r, now, {
    status: 'published',
    published: version,
    history: [...r.history, version],
  });
}

/** The version the working copy will get when published. */
export const workingVersion = (r: SeriesRecord) =>
  r.status === 'published' ? (r.published?.version ?? 1) : (r.published?.version ?? 0) + 1;
