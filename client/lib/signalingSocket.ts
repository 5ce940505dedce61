// The /live socket.io connection: typed requests with an ack and a timeout each, and a
// connection that socket.io re-opens by itself for ever (capped backoff).
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  Replies,
  RequestName,
  RequestPayload,
  ServerToClientEvents,
} from '../../shared/signaling/events';
import { LiveRoomError } from './liveRoomTypes';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function openSignalingSocket(url: string, ca?: string): ClientSocket {
  return io(`${url}/live`, {
    ...(ca !== undefined ? { ca } : {}),
    autoConnect: false,
    transports: ['websocket'],
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 300,
    reconnectionDelayMax: 7000,
  });
}

/** Connects unless connected; rejects on the first connection error. */
export function connected(socket: ClientSocket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
    socket.connect();
  });
}

/** One request: the server's `{ ok, data | error }` ack, as a value or a LiveRoomError. */
export async function request<N extends RequestName>(
  socket: ClientSocket,
  name: N,
  payload: RequestPayload<N>,
  timeoutMs: number,
): Promise<Replies[N]> {
  const timed = socket.timeout(timeoutMs);
  const emit = timed.emitWithAck.bind(timed) as unknown as (
    event: N,
    payload: RequestPayload<N>,
  ) => Promise<Ack<Replies[N]>>;
  const reply = await emit(name, payload);
  if (!reply.ok) throw new LiveRoomError(reply.error.code, reply.error.message, reply.error.field);
  return reply.data;
}
