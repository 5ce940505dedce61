// One way to check data that crossed a boundary (socket payloads, config, files):
// TypeBox schema → compiled checker → the first error, named by its field path.
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';

export interface FieldError {
  /** JSON pointer of the offending field, e.g. `/rtpParameters/encodings/0`; `/` for the root. */
  field: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const cache = new WeakMap<TSchema, TypeCheck<TSchema>>();

function compiled<T extends TSchema>(schema: T): TypeCheck<T> {
  let check = cache.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    cache.set(schema, check);
  }
  return check as TypeCheck<T>;
}

/** Validates without coercion; lists up to `limit` errors so a caller can show them all. */
export function check<T extends TSchema>(
  schema: T,
  value: unknown,
  limit = 10,
): Checked<Static<T>> {
  const checker = compiled(schema);
  if (checker.Check(value)) return { ok: true, value };
  const errors: FieldError[] = [];
  for (const error of checker.Errors(value)) {
    errors.push({ field: error.path || '/', message: error.message });
    if (errors.length >= limit) break;
  }
  return { ok: false, errors };
}

export function describeErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.field}: ${e.message}`).join('; ');
}
