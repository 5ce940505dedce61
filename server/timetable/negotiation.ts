// The negotiation of one series: draft → proposed to the member schools → each accepts or
// objects → the coordinator publishes once every school has accepted. Editing a published
// series starts a new version; the published one stays in force until the new one is
// published. Every step is kept in the series' log.
import type { FailureCode } from '../errors/codes';
import type {
  Actor,
  NegotiationEvent,
  SeriesRecord,
  SeriesSpec,
} from '../../shared/timetable/series';
import { seriesDiff, specsEqual } from './diff';

export interface Refusal {
  ok: false;
  /** its reason, a row of server/errors/codes.ts (the status and ack code it gets) */
  code: FailureCode;
  message: string;
  /** the schools the refusal is about (to be named by the edge, which knows their names) */
  schoolIds?: string[];
  comment?: string;
}
export type Step = { ok: true; record: SeriesRecord } | Refusal;

/** One school's answer to a proposal. */
export interface Answer {
  schoolId: string;
  decision: 'accepted' | 'objected';
  comment: string;
  by: Actor;
  /** a coordinator answering for the school (代为同意), not the school itself */
  onBehalf: boolean;
}

const refuse = (code: FailureCode, message: string, more: Partial<Refusal> = {}): Refusal => ({
  ok: false,
  code,
  message,
  ...more,
});
const next = (
  r: SeriesRecord,
  now: number,
  patch: Partial<SeriesRecord>,
  event?: Omit<NegotiationEvent, 'at'>,
): Step => ({
  ok: true,
  record: {
    ...r,
    ...patch,
    log: event ? [...(r.log ?? []), { at: now, ...event }] : (r.log ?? []),
    revision: r.revision + 1,
    updatedAt: now,
  },
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
    log: [],
    revision: 0,
    updatedAt: now,
  };
}

/** Any edit withdraws a proposal; returning to exactly the published spec is published again. */
export function edit(r: SeriesRecord, spec: SeriesSpec, now: number): Step {
  const back = specsEqual(r.published?.spec, spec);
  return next(
    r,
    now,
    { spec, status: back ? 'published' : 'draft', responses: [] },
    r.status === 'proposed' ? { kind: 'withdrawn' } : undefined,
  );
}

/** `memberSchoolIds`: the member schools whose classrooms take the lesson. */
export function propose(r: SeriesRecord, memberSchoolIds: readonly string[], now: number): Step {
  if (r.status !== 'draft')
    return refuse('not_draft', `series ${r.id} is ${r.status}, not a draft`);
  if (memberSchoolIds.length === 0) return refuse('no_member_school', 'no member school to ask');
  return next(
    r,
    now,
    {
      status: 'proposed',
      responses: memberSchoolIds.map((schoolId) => ({
        schoolId,
        decision: 'pending',
        comment: '',
        at: 0,
      })),
    },
    { kind: 'proposed' },
  );
}

export function respond(r: SeriesRecord, answer: Answer, now: number): Step {
  const { schoolId, decision, comment, by, onBehalf } = answer;
  if (r.status !== 'proposed') return refuse('not_proposed', `series ${r.id} is not proposed`);
  if (!r.responses.some((x) => x.schoolId === schoolId))
    return refuse('not_asked', `school ${schoolId} is not asked about series ${r.id}`);
  if (decision === 'objected' && comment.trim() === '')
    return refuse('comment_required', 'an objection needs a comment');
  return next(
    r,
    now,
    {
      responses: r.responses.map((x) =>
        x.schoolId === schoolId ? { schoolId, decision, comment, at: now, by, onBehalf } : x,
      ),
    },
    { kind: decision, schoolId, comment, by, onBehalf },
  );
}

/**
 * Refused while a school objects, a hard conflict remains (the plan itself must change
 * first), or a school has not answered: the 一张表 is what the schools agreed to, so a
 * school that cannot answer needs a coordinator's recorded 代为同意 instead.
 */
export function publish(r: SeriesRecord, hardConflicts: number, now: number): Step {
  if (r.status !== 'proposed')
    return refuse('not_proposed', `尚未提交成员校协商 Series ${r.id} must be proposed first`);
  const objection = r.responses.find((x) => x.decision === 'objected');
  if (objection)
    return refuse('objection_open', `school ${objection.schoolId} objects: ${objection.comment}`, {
      schoolIds: [objection.schoolId],
      comment: objection.comment,
    });
  if (hardConflicts > 0)
    return refuse(
      'hard_conflicts',
      `仍有 ${hardConflicts} 个冲突须先解决 ${hardConflicts} hard conflicts remain`,
    );
  const pending = r.responses.filter((x) => x.decision === 'pending').map((x) => x.schoolId);
  if (pending.length > 0)
    return refuse('answers_pending', `not answered yet: ${pending.join(', ')}`, {
      schoolIds: pending,
    });
  const version = {
    version: (r.published?.version ?? 0) + 1,
    spec: r.spec,
    publishedAt: now,
    changes: seriesDiff(r.published?.spec, r.spec),
  };
  return next(
    r,
    now,
    { status: 'published', published: version, history: [...r.history, version] },
    { kind: 'published', version: version.version },
  );
}

/** The version the working copy will get when published. */
export const workingVersion = (r: SeriesRecord) =>
  r.status === 'published' ? (r.published?.version ?? 1) : (r.published?.version ?? 0) + 1;
