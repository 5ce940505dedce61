import { EventEmitter } from 'node:events';
import type { PeerQuality, RoomKind } from '../../shared/signaling/events';
import type { WorkerPool } from '../media/WorkerPool';
import { LiveRoom, type NextFor } from './LiveRoom';
import type { Participant } from './Participant';
import type { Log } from '../log';

export interface LiveRoomsOptions {
  pool: WorkerPool;
  consumersPerRouter: number;
  now: () => number;
  /** how often each room samples its participants' connections */
  qualityIntervalMs?: number;
  log?: Log;
}

/** What the lesson lifecycle and attendance listen to. */
export interface LiveRoomsEvents {
  joined: [room: LiveRoom, participant: Participant];
  left: [room: LiveRoom, participant: Participant, at: number];
  quality: [room: LiveRoom, samples: PeerQuality[]];
  /** a code room's teacher started or stopped its recording */
  recording: [room: LiveRoom, on: boolean];
}

/** The live rooms of this server, by id. A room goes away when its last participant leaves. */
export class LiveRooms extends EventEmitter<LiveRoomsEvents> {
  readonly #rooms = new Map<string, LiveRoom>();
  readonly #options: LiveRoomsOptions;
  readonly #sampler: NodeJS.Timeout;

  constructor(options: LiveRoomsOptions) {
    super();
    this.#options = options;
    // One sampler for all rooms, at a bounded rate: never per packet, never per event. A
    // big room is sampled less often (every 50 ms × participants, at least every interval):
    // with 2–3 stats requests per participant, its worker answers at most ~60 a second
    // whatever the room's size.
    const interval = options.qualityIntervalMs ?? 2000;
    const due = new WeakMap<LiveRoom, number>();
    this.#sampler = setInterval(() => {
      const t = performance.now();
      for (const room of this.#rooms.values()) {
        if (t < (due.get(room) ?? 0)) continue;
        due.set(room, t + Math.max(interval, room.participants.size * 50) - 50);
        void room.sampleQuality().catch(() => undefined);
      }
    }, interval).unref();
  }

  /** A lesson and its research meeting share the occurrence id: rooms are keyed by both. */
  get(id: string, kind: RoomKind = 'lesson'): LiveRoom | undefined {
    return this.#rooms.get(`${kind}/${id}`);
  }

  get all(): LiveRoom[] {
    return [...this.#rooms.values()];
  }

  getOrCreate(
    id: string,
    kind: RoomKind,
    options: { code?: string; scheduled?: boolean } = {},
  ): LiveRoom {
    const key = `${kind}/${id}`;
    let room = this.#rooms.get(key);
    if (room && !room.closed) return room;
    room = new LiveRoom({ id, kind, ...options, ...this.#options });
    const created = room;
    this.#rooms.set(key, room);
    room.on('joined', (p) => this.emit('joined', created, p));
    room.on('left', (p, at) => this.emit('left', created, p, at));
    room.on('quality', (s) => this.emit('quality', created, s));
    room.on('recording', (on) => this.emit('recording', created, on));
    room.on('empty', () => {
      if (this.#rooms.get(key) === created) this.#rooms.delete(key);
      created.close();
    });
    return room;
  }

  /**
   * Ends a room for everyone (the lesson ended). `next` tells each participant where to go
   * (the teachers to the research meeting, say); without a reason nobody is told it ended.
   */
  close(id: string, kind: RoomKind = 'lesson', reason?: string, next?: NextFor): void {
    const key = `${kind}/${id}`;
    const room = this.#rooms.get(key);
    if (!room) return;
    this.#rooms.delete(key);
    room.close(reason, next);
  }

  /**
   * Ends, in every room, the sessions of those that match (a classroom PC just revoked):
   * their clients are told it is over, and a resume finds nothing. How many were ended.
   */
  dismissWhere(match: (p: Participant) => boolean, reason: string): number {
    let dismissed = 0;
    for (const room of this.#rooms.values()) {
      for (const p of [...room.participants.values()]) {
        if (!match(p)) continue;
        room.dismiss(p, reason);
        dismissed += 1;
      }
    }
    return dismissed;
  }

  /** Server shutdown: rooms close without telling clients "over", so they come back. */
  closeAll(): void {
    clearInterval(this.#sampler);
    for (const room of [...this.#rooms.values()]) this.close(room.id, room.kind);
  }
}
