// What the live rooms of one node hear from, and tell, the other nodes. The transport (a
// socket.io adapter over Redis) is server/signaling/cluster.ts; the decisions are here.
import type { LessonTransition } from '../../shared/lessons';

export interface ClusterEvents {
  lessonTransition: (transition: LessonTransition) => void;
  deviceRevoked: (deviceId: string) => void;
  /** an account's tokens were ended (password changed, account disabled) */
  sessionsEnded: (userId: string) => void;
}

export interface Cluster {
  /** Tells every other node. */
  publish<E extends keyof ClusterEvents>(event: E, ...args: Parameters<ClusterEvents[E]>): void;
  /** What another node published (already validated). */
  on<E extends keyof ClusterEvents>(event: E, listener: ClusterEvents[E]): void;
}

/** One node alone: nobody to tell. */
export const singleNode: Cluster = { publish: () => undefined, on: () => undefined };
