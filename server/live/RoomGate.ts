import type { Principal } from '../../shared/auth';
import type { LiveRole, RoomKind } from '../../shared/signaling/events';

export type GateDecision =
  /** `displayName`: the name the room shows for this participant, whatever the client sent */
  { ok: true; role: LiveRole; displayName?: string } | { ok: false; reason: string };

/**
 * The domain's say on who enters a scheduled room (a lesson occurrence, a research
 * session). Signaling asks it for every token join; `undefined` means the room is not a
 * scheduled one, and the room-code rules apply.
 */
export interface RoomGate {
  admit(request: {
    roomId: string;
    kind: RoomKind;
    principal: Principal;
    now: number;
  }): Promise<GateDecision | undefined>;
}
