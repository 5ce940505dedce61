import { EventEmitter } from 'node:events';
import type { PeerQuality, RoomKind } from '../../shared/signaling/events';
import type { WorkerPool } from '../media/WorkerPool';
import { LiveRoom } from './LiveRoom';
import type { Participant } from './Participant';

export interface LiveRoomsOptions {
  pool: WorkerPool;
  consumersPerRouter: number;
  now: () => number;
  /** how often each room samples its participants' connections */
  qualityIntervalMs?: number;
}

/** What the lesson lifecycle and attendance listen to. */
export interface LiveRoomsEvents {
  joined: [room: LiveRoom, participant: Participant];
  left: [room: LiveRoom, participant: Participant, at: number];
  quality: [room: LiveRoom, samples: PeerQuality[]];
}

/** The live rooms of this server, by id. A room goes away when its last participant leaves. */
export class LiveRooms extends EventEmitter<LiveRoomsEvents> {
  readonly #rooms = new Map<string, LiveRoom>();
  readonly #options: LiveRoomsOptions;
  readonly #sampler: NodeJS.Timeout;

  constructor(options: LiveRoomsOptions) {
    super();
    this.#options = options;
    // One sampler for all rooms, at a bounded rate: never per packet, never per event.
    this.#sampler = setInterval(() => {
      for (const room of this.#rooms.values()) void room.sampleQuality().catch(() => undefined);
    }, options.qualityIntervalMs ?? 2000).unref();
  }

  get(id: string): LiveRoom | undefined {
    return this.#rooms.get(id);
  }

  get all(): LiveRoom[] {
    return [...this.#rooms.values()];
  }

  getOrCreate(id: string, kind: RoomKind, code?: string): LiveRoom {
    let room = this.#rooms.get(id);
    if (room && !room.closed) return room;
    room = new LiveRoom({ id, kind, code, ...this.#options });
    const created = room;
    this.#rooms.set(id, room);
    room.on('joined', (p) => this.emit('joined', created, p));
    room.on('left', (p, at) => this.emit('left', created, p, at));
    room.on('quality', (s) => this.emit('quality', created, s));
    room.on('empty', () => {
      if (this.#rooms.get(id) === created) this.#rooms.delete(id);
      created.close();
    });
    return room;
  }

  /** Ends a room for everyone (the lesson ended), pointing them to what comes next. */
  close(
    id: string,
    reason?: string,
    next?: { roomId: string; kind: RoomKind; token?: string },
  ): void {
    const room = this.#rooms.get(id);
    if (!room) return;
    this.#rooms.delete(id);
    room.close(reason, next);
  }

  /** Server shutdown: rooms close without telling clients "over", so they come back. */
  closeAll(): void {
    clearInterval(this.#sampler);
    for (const id of [...this.#rooms.keys()]) this.close(id);
  }
}
