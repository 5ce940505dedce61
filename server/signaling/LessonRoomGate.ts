// The lesson domain's answer to signaling's RoomGate: a live room whose id is a lesson
// occurrence is entered by the join gate's rules, a research room by the research gate's.
import type { GateDecision, RoomGate } from './RoomGate';
import { researchGate } from '../research/researchGate';
import { joinGate } from '../lessons/joinGate';
import type { LessonLifecycle } from '../lessons/LessonLifecycle';

export class LessonRoomGate implements RoomGate {
  readonly #lifecycle: LessonLifecycle;

  constructor(lifecycle: LessonLifecycle) {
    this.#lifecycle = lifecycle;
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
      return d.ok ? { ok: true, role: d.role } : { ok: false, reason: d.reason };
    }
    const d = researchGate(principal, o, record.state);
    if (!d.ok) return { ok: false, reason: d.reason };
    // The archive is read on the page; the video meeting ends with the session.
    if (record.state !== 'research') return { ok: false, reason: 'research_closed' };
    return { ok: true, role: d.access === 'write' ? 'member' : 'observer' };
  }
}
