// The lesson domain's facts for the live rooms' admission: a live room whose id is a lesson
// occurrence is entered by the lesson's rules, a research room by the research session's
// (both applied by admit() in admission.ts).
import type { RoomGate } from './RoomGate';
import { scheduledRule, type ScheduledFacts } from './admission';
import type { LessonLifecycle } from '../lessons/LessonLifecycle';
import type { LessonNames } from '../lessons/LessonNames';
import type { Principal } from '../../shared/auth';
import type { LiveRole, RoomKind } from '../../shared/signaling/events';

export type GateDecision =
  { ok: true; role: LiveRole; displayName?: string } | { ok: false; reason: string };

export class LessonRoomGate implements RoomGate {
  readonly #lifecycle: LessonLifecycle;
  readonly #names: LessonNames | undefined;

  constructor(lifecycle: LessonLifecycle, names?: LessonNames) {
    this.#lifecycle = lifecycle;
    this.#names = names;
  }

  async facts(roomId: string): Promise<ScheduledFacts | undefined> {
    const record = await this.#lifecycle.get(roomId);
    if (!record) return undefined;
    return {
      occurrence: record.occurrence,
      state: record.state,
      maxEarlyStartMs: this.#lifecycle.settings.maxEarlyStartMs,
    };
  }

  /** A classroom PC is named by the timetable (school · classroom), not by what it typed. */
  async displayName(principal: Principal): Promise<string | undefined> {
    if (principal.role !== 'device' || !principal.classroomId || !this.#names) return undefined;
    return (await this.#names.classroomLabel(principal.classroomId)) || undefined;
  }

  /** The scheduled part of the admission alone, for one principal (undefined: not scheduled). */
  async admit(request: {
    roomId: string;
    kind: RoomKind;
    principal: Principal;
    now: number;
  }): Promise<GateDecision | undefined> {
    const facts = await this.facts(request.roomId);
    if (!facts) return undefined;
    const d = scheduledRule(request.principal, request.kind, facts, request.now);
    if (!d.ok) return d;
    const displayName = await this.displayName(request.principal);
    return { ok: true, role: d.role, ...(displayName ? { displayName } : {}) };
  }
}
