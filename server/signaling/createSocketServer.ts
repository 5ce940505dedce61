// The socket.io part: one server on the HTTP server's port, refusing foreign origins and
// addresses past their socket budget before any namespace sees them; spanning the nodes
// through Redis when the store is Redis.
import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Server as SocketServer } from 'socket.io';
import { listOf, type Config } from '../config';
import { RedisStore } from '../store/redis/RedisStore';
import type { Store } from '../store/Store';
import { ConnectionSlots, socketSlotGuard } from './addressLimits';
import { redisCluster, singleNode, type Cluster } from './cluster';
import { originAllowed } from './originCheck';

export function createSocketServer(http: FastifyInstance, config: Config): SocketServer {
  const allowedOrigins = listOf(config.allowedOrigins);
  let admitSocket: (req: IncomingMessage) => boolean = () => true;
  const io = new SocketServer(http.server, {
    serveClient: false,
    allowRequest: (req, done) => {
      if (!originAllowed(req, allowedOrigins)) return done(null, false);
      if (!admitSocket(req)) return done('rate_limited', false);
      done(null, true);
    },
    maxHttpBufferSize: 256 * 1024,
    connectionStateRecovery: { maxDisconnectionDuration: 15_000 },
  });
  admitSocket = socketSlotGuard(
    io.engine,
    new ConnectionSlots(config.socketsPerAddress),
    listOf(config.trustProxy),
  );
  return io;
}

/** Call before any namespace exists, so that every one of them spans the nodes. */
export function clusterOf(io: SocketServer, store: Store, log: FastifyBaseLogger): Cluster {
  return store instanceof RedisStore ? redisCluster(io, store.redis, log) : singleNode;
}
