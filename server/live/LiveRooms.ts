import { EventEmitter } from 'node:events';
import type { PeerQuality, RoomKind } from '../../shared/signaling/events';
import { LiveRoom, type NextFor } from './LiveRoom';
import type { Participant } from './Participant';
import type { LivePorts, MediaFactory } from './ports';
import type { Log } from '../log';

export interface LiveRoomsOptions<P extends LivePorts = LivePorts> {
  /** makes each room's media (mediasoup in production, a fake in unit tests) */
  media: MediaFactory<P['media']>;
  now: () => number;
  /** how often each room samples its participants' connections */
  qualityIntervalMs?: number;
  consumerAckTimeoutMs?: number;
  log?: Log;
}

/** What the lesson lifecycle and attendance listen to. */
export interface LiveRoomsEvents<P extends LivePorts = LivePorts> {
  /** a room was made: a recorder or a logger subscribes to its own events here */
  created: [room: LiveRoom<P>];
  joined: [room: LiveRoom<P>, participant: Participant<P>];
  left: [room: LiveRoom<P>, participant: Participant<P>, at: number];
  quality: [room: LiveRoom<P>, samples: PeerQuality[]];
  /** a code room's teacher started or stopped its recording */
  recording: [room: LiveRoom<P>, on: boolean];
}

/** The live rooms of this server, by id. A room goes away when its last participant leaves. */
export class LiveRooms<P extends LivePorts = LivePorts> extends EventEmitter<LiveRoomsEvents<P>> {
  readonly #rooms = new Map<string, LiveRoom<P>>();
  readonly #options: LiveRoomsOptions<P>;
  readonly #sampler: NodeJS.Timeout;

  constructor(options: LiveRoomsOptions<P>) {
    super();
    this.#options = options;
    // One sampler for all rooms, at a bounded rate: never per packet, never per event. A
    // big room is sampled less often (every 50 ms × participants, at least every interval):
    // with 2–3 stats requests per participant, its worker answers at most ~60 a second
    // whatever the room's size.
    const interval = options.qualityIntervalMs ?? 2000;
    const due = new WeakMap<LiveRoom<P>, number>();
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
  get(id: string, kind: RoomKind = 'lesson'): LiveRoom<P> | undefined {
    return this.#rooms.get(`${kind}/${id}`);
  }

  get all(): LiveRoom<P>[] {
    return [...this.#rooms.values()];
  }

  getOrCreate(
    id: string,
    kind: RoomKind,
    options: { code?: string; scheduled?: boolean } = {},
  ): LiveRoom<P> {
    const key = `${kind}/${id}`;
    let room = this.#rooms.get(key);
    if (room && !room.closed) return room;
    const o = this.#options;
    room = new LiveRoom<P>({
      id,
      kind,
      ...options,
      media: o.media,
      now: o.now,
      ...(o.consumerAckTimeoutMs !== undefined
        ? { consumerAckTimeoutMs: o.consumerAckTimeoutMs }
        : {}),
      ...(o.log ? { log: o.log } : {}),
    });
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
    this.emit('created', room);
    return room;
  }

  /**
   * Ends a room for everyone (the lesson ended). `next` tells each participant where to go
   * (the teachers to the research meeting, say); without a reason nobody is told it ended.
   */
  close(id: string, kind: RoomKind = 'lesson', reason?: string, next?: NextFor<P>): void {
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
  dismissWhere(match: (p: Participant<P>) => boolean, reason: string): number {
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
