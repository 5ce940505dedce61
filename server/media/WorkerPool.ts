import { EventEmitter } from 'node:events';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { mediaCodecs } from './codecs';
import { consoleLog, type Log } from '../log';

export interface WorkerPoolOptions {
  numWorkers: number;
  /** IP the WebRtcServers bind to (0.0.0.0 on a server, 127.0.0.1 in tests). */
  listenIp: string;
  announcedAddress: string;
  /** Worker i's WebRtcServer listens on rtcPort + i (UDP and TCP); 0 picks free ports. */
  rtcPort: number;
  rtcMinPort: number;
  rtcMaxPort: number;
  logLevel?: types.WorkerLogLevel;
  log?: Log;
}

/** One worker slot: the worker, its WebRtcServer, and the load the pool balances on. */
export interface WorkerSlot {
  index: number;
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
  /** Routers currently placed here (rooms and their piped overflow routers). */
  routers: Set<types.Router>;
  /** CPU time (user + system, ms) used by the worker in the last sampling period. */
  recentCpuMs: number;
  lastCpuMs: number;
}

/** Every worker is down (being replaced): a join now should be retried shortly. */
export class NoWorkerError extends Error {
  override name = 'NoWorkerError';
  constructor() {
    super('no live media worker; retry shortly');
  }
}

export interface WorkerPoolEvents {
  /** A worker died and was replaced; routers that were on it are gone. */
  workerreplaced: [slot: WorkerSlot, lostRouters: types.Router[]];
}

/**
 * One mediasoup worker per slot, each with a WebRtcServer so a school firewall needs one
 * UDP port (with a TCP fallback on the same number) per worker. A worker that dies is
 * replaced in its slot, on the same port, and `workerreplaced` tells the rooms to rebuild.
 */
export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  readonly #options: WorkerPoolOptions;
  readonly #slots: WorkerSlot[] = [];
  #closed = false;
  #sampler?: NodeJS.Timeout;

  static async create(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    for (let index = 0; index < options.numWorkers; index++) {
      pool.#slots.push(await pool.#startSlot(index));
    }
    // Load is sampled from the workers' own CPU counters: nothing per packet in Node.
    pool.#sampler = setInterval(() => void pool.sampleLoad(), 2000).unref();
    return pool;
  }

  private constructor(options: WorkerPoolOptions) {
    super();
    this.#options = options;
  }

  get slots(): readonly WorkerSlot[] {
    return this.#slots;
  }

  get closed(): boolean {
    return this.#closed;
  }

  async #startSlot(index: number): Promise<WorkerSlot> {
    const o = this.#options;
    const worker = await mediasoup.createWorker({
      logLevel: o.logLevel ?? 'warn',
      rtcMinPort: o.rtcMinPort,
      rtcMaxPort: o.rtcMaxPort,
      appData: { index },
    });
    const port = o.rtcPort === 0 ? undefined : o.rtcPort + index;
    const listen = { ip: o.listenIp, announcedAddress: o.announcedAddress, port };
    const webRtcServer = await worker.createWebRtcServer({
      listenInfos: [
        { ...listen, protocol: 'udp' },
        { ...listen, protocol: 'tcp' },
      ],
    });
    const slot: WorkerSlot = {
      index,
      worker,
      webRtcServer,
      routers: new Set(),
      recentCpuMs: 0,
      lastCpuMs: 0,
    };
    worker.on('died', (error) => void this.#replace(slot, error));
    return slot;
  }

  async #replace(dead: WorkerSlot, error: Error): Promise<void> {
    if (this.#closed) return;
    (this.#options.log ?? consoleLog).error(
      { worker: dead.index, pid: dead.worker.pid, err: error.message },
      'mediasoup worker died; replacing it',
    );
    const lost = [...dead.routers];
    // The dead worker's port is free again once the process is gone; retry briefly if not.
    for (let attempt = 0; ; attempt++) {
      try {
        const slot = await this.#startSlot(dead.index);
        if (this.#closed) {
          slot.worker.close();
          return;
        }
        this.#slots[dead.index] = slot;
        this.emit('workerreplaced', slot, lost);
        return;
      } catch (e) {
        if (attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  /** Updates each slot's recent CPU use from the worker's resource counters. */
  async sampleLoad(): Promise<void> {
    await Promise.all(
      this.#slots.map(async (slot) => {
        if (slot.worker.closed) return;
        try {
          const usage = await slot.worker.getResourceUsage();
          const cpuMs = usage.ru_utime + usage.ru_stime;
          slot.recentCpuMs = cpuMs - slot.lastCpuMs;
          slot.lastCpuMs = cpuMs;
        } catch {
          // A worker that is going away has no usage to report.
        }
      }),
    );
  }

  /**
   * The least-loaded live slot: by recent CPU first (what packets actually cost), then by
   * how many routers it already holds, so idle pools still spread rooms.
   */
  leastLoaded(exclude: ReadonlySet<number> = new Set()): WorkerSlot {
    const live = this.#slots.filter((s) => !s.worker.closed);
    const candidates = live.filter((s) => !exclude.has(s.index));
    const pool = candidates.length > 0 ? candidates : live;
    const best = pool.reduce<WorkerSlot | undefined>((a, b) => {
      if (!a) return b;
      const byCpu = a.recentCpuMs - b.recentCpuMs;
      // CPU differences under 50 ms per period are noise; compare router counts then.
      if (Math.abs(byCpu) > 50) return byCpu < 0 ? a : b;
      return a.routers.size <= b.routers.size ? a : b;
    }, undefined);
    if (!best) throw new NoWorkerError();
    return best;
  }

  slotOf(router: types.Router): WorkerSlot | undefined {
    return this.#slots.find((s) => s.routers.has(router));
  }

  async createRouter(slot: WorkerSlot, appData: types.AppData = {}): Promise<types.Router> {
    const router = await slot.worker.createRouter({ mediaCodecs, appData });
    slot.routers.add(router);
    router.observer.once('close', () => slot.routers.delete(router));
    return router;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#sampler);
    for (const slot of this.#slots) slot.worker.close();
  }
}
