// Several Tongke nodes on one Redis act as one: socket.io's redis-streams adapter carries
// broadcasts to the sockets of every node (research minutes, lesson events; it keeps
// connection state recovery), and serverSideEmit carries what one node decided to the
// others — a lesson transition made there, a classroom PC revoked there — so the live rooms
// on every node act on it. A live room itself stays on one node (route by room id).
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { Log } from '../log';
import { readClusterMessage, type Cluster, type ClusterEvents } from '../live/cluster';

export { singleNode, type Cluster, type ClusterEvents } from '../live/cluster';

/** Must run before any namespace is created, so every namespace gets the adapter. */
export function redisCluster(io: Server, redis: Redis, log: Log): Cluster {
  io.adapter(createAdapter(redis));
  // Server-side events travel on the main namespace, which no client uses.
  const main = (io as unknown as Server<object, object, ClusterEvents>).of('/');
  return {
    publish(event, ...args) {
      try {
        main.serverSideEmit(event, ...args);
      } catch (error) {
        log.warn({ err: (error as Error).message, event }, 'cluster: not published');
      }
    },
    on(event, listener) {
      const guarded = (...args: unknown[]) => {
        const checked = readClusterMessage(event, args[0]);
        if (!checked.ok) {
          log.warn({ event, field: checked.errors[0]?.field }, 'cluster: malformed event dropped');
          return;
        }
        (listener as (payload: unknown) => void)(checked.value);
      };
      main.on(event as never, guarded as never);
    },
  };
}
