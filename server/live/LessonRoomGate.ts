// The lesson domain's answer to signaling's RoomGate: a live room whose id is a lesson
// occurrence is entered by the join gate's rules, a research room by the research gate's.
import type { GateDecision, RoomGate } from './RoomGate';
import { researchGate } from '../research/researchGate';
import { joinGate } from '../lessons/joinGate';
import type { LessonLifecycle } from '../lessons/LessonLifecycle';
import type { LessonNames } from '../lessons/LessonNames';
import type { Principal } from '../../shared/auth';

export class LessonRoomGate implements RoomGate {
  readonly #lifecycle: LessonLifecycle;
  readonly #names: LessonNames | undefined;

  constructor(lifecycle: LessonLifecycle, names?: LessonNames) {
    this.#lifecycle = lifecycle;
    this.#names = names;
  }

  /** A classroom PC is named by the timetable (school · classroom), not by what it typed. */
  async #displayName(principal: Principal): Promise<{ displayName?: string }> {
    if (principal.role !== 'device' || !principal.classroomId || !this.#names) return {};
    const label = await this.#names.classroomLabel(principal.classroomId);
    return label ? { displayName: label } : {};
  }

  async admit({
    roomId,
    kind,
    principal,
    now,
  }: Parameters<RoomGate['admit']>[0]): Promise<GateDecision | undefined> {
    const record = await this.#lifecycle.get(roomId);
    if (!record) return undefined; // not a scheduled room: signaling's room-code rules apply
    const o = record.occurrence;
    if (kind === 'lesson') {
      const d = joinGate(principal, o, record.state, now, {
        maxEarlyStartMs: this.#lifecycle.settings.maxEarlyStartMs,
      });
      if (!d.ok) return { ok: false, reason: d.reason };
      return { ok: true, role: d.role, ...(await this.#displayName(principal)) };
    }
    const d = researchGate(principal, o, record.state);
    if (!d.ok) return { ok: false, reason: d.reason };
    // The archive is read on the page; the video meeting ends with the session.
    if (record.state !== 'research') return { ok: false, reason: 'research_closed' };
    return {
      ok: true,
      role: d.access === 'write' ? 'member' : 'observer',
      ...(await this.#displayName(principal)),
    };
  }
}
