import type { Principal } from '../../shared/auth';
import type { ScheduledFacts } from './admission';

/**
 * What the lesson side knows of a room id, for the admission decision (admission.ts):
 * whether it is a lesson occurrence, and in which state. It decides nothing itself.
 */
export interface RoomGate {
  /** undefined: the id is no lesson occurrence, and the room-code rules apply */
  facts(roomId: string): Promise<ScheduledFacts | undefined>;
  /** the name the room shows for this participant, whatever the client typed */
  displayName(principal: Principal): Promise<string | undefined>;
}
