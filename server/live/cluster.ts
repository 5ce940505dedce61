// What the live rooms of one node hear from, and tell, the other nodes. The transport (a
// socket.io adapter over Redis) is server/signaling/cluster.ts; the decisions are here.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LessonTransition } from '../../shared/lessons';
import { check, type FieldError } from '../../shared/validation';

const Id = Type.String({ minLength: 1, maxLength: 256 });

/**
 * What crosses between nodes, one schema per event (the single argument each carries).
 * Nodes run the same code, but what crosses Redis is checked like any other input.
 */
export const clusterMessages = {
  lessonTransition: LessonTransition,
  deviceRevoked: Id,
  sessionsEnded: Id,
} satisfies Record<string, TSchema>;

export type ClusterMessage<E extends keyof typeof clusterMessages> = Static<
  (typeof clusterMessages)[E]
>;

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

/** Checks what another node sent: the payload, or why it is dropped. */
export function readClusterMessage<E extends keyof typeof clusterMessages>(
  event: E,
  payload: unknown,
): { ok: true; value: ClusterMessage<E> } | { ok: false; errors: FieldError[] } {
  const schema = clusterMessages[event] as TSchema;
  return check(schema, payload) as
    { ok: true; value: ClusterMessage<E> } | { ok: false; errors: FieldError[] };
}
