// One reason a record cannot be used, the same way for every rule of the timetable: where
// (`periods/0`), a machine code, and the catalogue's words (shared/messages.ts), Chinese first.
import { bilingual, messageOf, type MessageCode, type MessageParams } from '../../shared/messages';

export interface FieldProblem {
  /** the field within what was checked, e.g. `periods/0`; '' for the whole */
  field: string;
  code: string;
  message: string;
}

export const problem = (
  field: string,
  code: MessageCode,
  params: MessageParams = {},
): FieldProblem => ({
  field,
  code,
  message: bilingual(messageOf(code, params)!),
});

/** The same problems, one level down (`bellSchedule/periods/0`). */
export const under = (prefix: string, problems: readonly FieldProblem[]): FieldProblem[] =>
  problems.map((p) => ({ ...p, field: p.field ? `${prefix}/${p.field}` : prefix }));
