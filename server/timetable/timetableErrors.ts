// Every refusal the timetable's use cases make, built in one place per kind: a missing
// record, a record that exists, a stale write, invalid fields, a negotiation step refused,
// hard conflicts. They are DomainErrors (the edge's error handler maps them); when the
// error table grows a row per type, only this file changes.
import { bilingual, messageOf, type MessageParams } from '../../shared/messages';
import type { Conflict } from '../../shared/timetable/series';
import { DomainError } from '../http/errorHandler';
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
export function notFound(kind: string, id: string, within?: string): DomainError {
  return new DomainError(
    'not_found',
    words('no_record', { what: what[kind] ?? kind, kind, id, within }),
    404,
  );
}

/** 409: a record with that id exists already. */
export function exists(kind: string, id: string): DomainError {
  return new DomainError(
    'exists',
    words('record_exists', { what: what[kind] ?? kind, kind, id }),
    409,
  );
}

/** 409: the record changed between reading it and writing it; nothing was written. */
export function stale(ids: readonly string[]): DomainError {
  return new DomainError('stale', words('stale', {}), 409, { seriesIds: [...ids] });
}

/** A spec problem as a bad field under `prefix` (`spec`), in the catalogue's words. */
export const fieldOf = (p: SpecProblem, prefix: string): FieldProblem => ({
  field: `${prefix}/${p.field}`,
  code: p.code,
  message: problemText(p),
});

/** 400 naming each bad field under `prefix` (`body`). */
export function invalid(problems: readonly FieldProblem[], prefix = 'body'): DomainError {
  const details = under(prefix, problems);
  return new DomainError(
    'invalid_request',
    details.map((d) => `${d.field}: ${d.message}`).join('; '),
    400,
    details,
  );
}

/** 400 for a request the edge could not read at all (no file, a file it cannot parse). */
export function unreadable(message: string): DomainError {
  return new DomainError('invalid_request', message, 400);
}

/** 413: an upload over its limit. */
export function tooLarge(maxBytes: number): DomainError {
  return new DomainError('too_large', `the file exceeds ${maxBytes} bytes`, 413);
}

/** 400: import rows refused, each with its line; nothing was imported. */
export function invalidRows(rows: readonly unknown[]): DomainError {
  return new DomainError('invalid_rows', `${rows.length} bad rows: nothing imported`, 400, rows);
}

/** 409: a negotiation step refused, the schools named (their ids in details). */
export function refused(
  r: Refusal,
  schoolName: (id: string) => string | undefined,
  prefix = '',
): DomainError {
  const ids = r.schoolIds ?? [];
  return new DomainError(
    r.code,
    prefix + refusalText(r, schoolName),
    409,
    ids.length > 0 ? { schoolIds: ids } : undefined,
  );
}

/** 409: publishing refused while hard conflicts remain; they are the details. */
export function hardConflicts(r: Refusal, conflicts: readonly Conflict[]): DomainError {
  const hard = conflicts.filter((c) => c.severity === 'hard');
  return new DomainError(
    r.code,
    refusalText(r, () => undefined, { count: hard.length }),
    409,
    hard,
  );
}

/** 409: a change to one occurrence that leaves hard conflicts on it, each reason listed. */
export function conflicting(hard: readonly Conflict[]): DomainError {
  return new DomainError('conflicts', hard.map((c) => c.message).join('; '), 409, hard);
}
