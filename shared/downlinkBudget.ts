// A school's downlink budget (issue #14, "a district can cap a school"): a school on a
// metered or shared line, or one classroom of it, is given at most so many kbit/s by the
// server, whatever its link would carry. Set by the community's coordinator (or the
// district) on /setup/; enforced by the layer policy (server/live/budget, docs/thin-links.md).
import { Type, type Static } from '@sinclair/typebox';
import { Id } from './timetable/model';

/** Below 200 kbit/s not even the teacher's voice and her 180p fit; above 100 Mbit/s no cap means anything. */
export const DOWNLINK_KBPS_MIN = 200;
export const DOWNLINK_KBPS_MAX = 100_000;

export const DownlinkKbps = Type.Integer({
  minimum: DOWNLINK_KBPS_MIN,
  maximum: DOWNLINK_KBPS_MAX,
  description: 'kbit/s the server sends the school (or classroom) at most',
});

export const DownlinkTarget = Type.Union([Type.Literal('school'), Type.Literal('classroom')]);
export type DownlinkTarget = Static<typeof DownlinkTarget>;

/**
 * null, and only null: no budget. Not `Type.Null()`: the server's validator coerces types
 * (fastify's default), and a `type: 'null'` branch takes 0, "" and false as null — a 0
 * meant as "nothing" would lift the cap. `const` is never coerced, and it comes first so
 * the integer branch cannot turn null into 0 before it is seen.
 */
const NoBudget = Type.Unsafe<null>({ const: null, description: 'no budget' });

/** PUT body: a budget, or null for none (the link alone decides). */
export const DownlinkBudgetBody = Type.Object(
  { downlinkKbps: Type.Union([NoBudget, DownlinkKbps]) },
  { additionalProperties: false },
);
export type DownlinkBudgetBody = Static<typeof DownlinkBudgetBody>;

/** One budget set. A school or classroom with none has no record. */
export const DownlinkBudget = Type.Object({
  target: DownlinkTarget,
  /** the school's or classroom's id */
  id: Id,
  downlinkKbps: DownlinkKbps,
  /** ms since epoch */
  updatedAt: Type.Number(),
  /** who set it (the principal's sub) */
  updatedBy: Type.String(),
});
export type DownlinkBudget = Static<typeof DownlinkBudget>;

/** What a PUT answers: the budget now in force, or none. */
export const DownlinkBudgetReply = Type.Object({
  target: DownlinkTarget,
  id: Id,
  downlinkKbps: Type.Union([DownlinkKbps, Type.Null()]),
});
export type DownlinkBudgetReply = Static<typeof DownlinkBudgetReply>;

/** The community's budgets: its schools' and its classrooms' (only those set). */
export const DownlinkBudgetsReply = Type.Object({
  schools: Type.Array(DownlinkBudget),
  classrooms: Type.Array(DownlinkBudget),
});
export type DownlinkBudgetsReply = Static<typeof DownlinkBudgetsReply>;
