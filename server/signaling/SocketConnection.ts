// The live room's Connection port over a socket.io socket (server/live/ports.ts).
import type { Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  NewConsumer,
  ServerToClientEvents,
} from '../../shared/signaling/events';
import type { ClientAnswer, Connection, LivePorts, Pushes } from '../live/ports';
import type { MediaPeer } from '../media/MediaPeer';
import type { MediaRoom } from '../media/MediaRoom';

export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export class SocketConnection implements Connection {
  readonly socket: LiveSocket;

  constructor(socket: LiveSocket) {
    this.socket = socket;
  }

  send<E extends keyof Pushes>(event: E, payload: Pushes[E]): void {
    (this.socket.emit as (e: string, p: unknown) => boolean)(event, payload);
  }

  async offerConsumer(consumer: NewConsumer, timeoutMs: number): Promise<ClientAnswer> {
    const reply: unknown = await this.socket
      .timeout(timeoutMs)
      .emitWithAck('newConsumer', consumer);
    // What a client answers is input like any other: only `{ ok: true }` is a yes.
    if (typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true) {
      return { ok: true };
    }
    const error = (reply as { error?: { message?: unknown } } | null)?.error;
    return { ok: false, message: typeof error?.message === 'string' ? error.message : 'refused' };
  }

  enter(channel: string): void {
    void this.socket.join(channel);
  }

  leave(channel: string): void {
    void this.socket.leave(channel);
  }

  close(reason?: string): void {
    if (reason) this.send('roomClosed', { reason });
    this.socket.disconnect(true);
  }
}

/** A live room as the server runs it: socket.io connections, mediasoup media. */
export interface SfuPorts extends LivePorts {
  connection: SocketConnection;
  session: MediaPeer;
  media: MediaRoom;
}
