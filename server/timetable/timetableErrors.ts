// Every refusal the timetable's use cases make, built in one place per kind: a missing
// record, a record that exists, a stale write, invalid fields, a negotiation step refused,
// hard conflicts. They are Failures (server/errors/codes.ts gives each its status); when the
// error table grows a row per type, only this file changes.
import { bilingual, messageOf, type MessageParams } from '../../shared/messages';
import type { Conflict } from '../../shared/timetable/series';
import { Failure } from '../errors/Failure';
import type { Refusal } from './negotiation';
import { refusalText } from './refusalText';
import { problemText, type SpecProblem } from './specProblems';
import { under, type FieldProblem } from './fieldProblem';

/** The catalogue's words for a code, Chinese first. */
export const words = (code: string, params: MessageParams) => bilingual(messageOf(code, params)!);

/** The kinds of record a coordinator names, as a person reads them. */
const what: Record<string, string> = {
  community: '教共体',
  school: '学校',
  classroom: '教室',
  teacher: '教师',
  series: '课程',
  occurrence: '课次',
  feed: '订阅',
};

/** 404: no such record (in that community, when `within` is given). */
export function notFound(kind: string, id: string, within?: string): Failure {
  return new Failure(
    'not_found',
    words('no_record', { what: what[kind] ?? kind, kind, id, within }),
  );
}

/** 409: a record with that id exists already. */
export function exists(kind: string, id: string): Failure {
  return new Failure('exists', words('record_exists', { what: what[kind] ?? kind, kind, id }));
}

/** 409: the record changed between reading it and writing it; nothing was written. */
export function stale(ids: readonly string[]): Failure {
  return new Failure('stale', words('stale', {}), { details: { seriesIds: [...ids] } });
}

/** A spec problem as a bad field under `prefix` (`spec`), in the catalogue's words. */
export const fieldOf = (p: SpecProblem, prefix: string): FieldProblem => ({
  field: `${prefix}/${p.field}`,
  code: p.code,
  message: problemText(p),
});

/** 400 naming each bad field under `prefix` (`body`). */
export function invalid(problems: readonly FieldProblem[], prefix = 'body'): Failure {
  const details = under(prefix, problems);
  return new Failure('invalid_request', details.map((d) => `${d.field}: ${d.message}`).join('; '), {
    details: details,
  });
}

/** 400 for a request the edge could not read at all (no file, a file it cannot parse). */
export function unreadable(message: string): Failure {
  return new Failure('invalid_request', message);
}

/** 413: an upload over its limit. */
export function tooLarge(maxBytes: number): Failure {
  return new Failure('too_large', `the file exceeds ${maxBytes} bytes`);
}

/** 400: import rows refused, each with its line; nothing was imported. */
export function invalidRows(rows: readonly unknown[]): Failure {
  return new Failure('invalid_rows', `${rows.length} bad rows: nothing imported`, {
    details: rows,
  });
}

/** 409: a negotiation step refused, the schools named (their ids in details). */
export function refused(
  r: Refusal,
  schoolName: (id: string) => string | undefined,
  prefix = '',
): Failure {
  const ids = r.schoolIds ?? [];
  return new Failure(r.code, prefix + refusalText(r, schoolName), {
    details: ids.length > 0 ? { schoolIds: ids } : undefined,
  });
}

/** 409: publishing refused while hard conflicts remain; they are the details. */
export function hardConflicts(r: Refusal, conflicts: readonly Conflict[]): Failure {
  const hard = conflicts.filter((c) => c.severity === 'hard');
  return new Failure(
    r.code,
    refusalText(r, () => undefined, { count: hard.length }),
    { details: hard },
  );
}

/** 409: a change to one occurrence that leaves hard conflicts on it, each reason listed. */
export function conflicting(hard: readonly Conflict[]): Failure {
  return new Failure('conflicts', hard.map((c) => c.message).join('; '), { details: hard });
}
