// The recorders a recorder agent runs for the relaying nodes: a reservation of ports first
// (the node taps its streams to them), then the ffmpeg on them, then its exit, kept a while
// for the node to read. The recorder itself is the node's own (server/recording).
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { ExitReply, StartBody, StartReply } from '../../shared/recorderAgent';
import { Failure } from '../errors/Failure';
import { localRecorderHost, type Recorder } from '../recording/recorderHost';
import type { RtpDestination } from '../recording/sdp';

export interface AgentOptions {
  /** the shared recording folder (the nodes' RECORDING_DIR) */
  root: string;
  /** the address the relaying nodes send RTP to */
  rtpIp: string;
  portRange: [number, number];
  ffmpegPath: string;
  log: { warn(obj: object, msg: string): void };
  now?: () => number;
}

/** a reservation not started in this time is dropped (the node gave up on it) */
const RESERVATION_MS = 60_000;
/** an exit is kept this long for the node to read */
const EXIT_KEPT_MS = 10 * 60_000;
/**
 * A node follows each of its recorders with a poll at least every 20 s; one not followed
 * for this long was abandoned (the node died, or lost us and records elsewhere): stopped.
 */
const LEASE_MS = 60_000;

interface Entry {
  destinations: RtpDestination[];
  reservedAt: number;
  followedAt: number;
  recorder?: Recorder;
  exit?: Extract<ExitReply, { running: false }>;
  endedAt?: number;
}

export class AgentRecorders {
  readonly #o: AgentOptions;
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout;

  constructor(o: AgentOptions) {
    this.#o = o;
    this.#now = o.now ?? Date.now;
    this.#timer = setInterval(() => this.#sweep(), LEASE_MS / 4).unref();
  }

  get running(): number {
    return [...this.#entries.values()].filter((e) => e.recorder && !e.exit).length;
  }

  async reserve(streams: number): Promise<{ id: string; destinations: RtpDestination[] }> {
    this.#sweep();
    const host = this.#host();
    const destinations = (await host.destinations(streams)).map((d) => ({
      ...d,
      ip: this.#o.rtpIp,
    }));
    const id = randomUUID();
    const now = this.#now();
    this.#entries.set(id, { destinations, reservedAt: now, followedAt: now });
    return { id, destinations };
  }

  async start(id: string, body: StartBody): Promise<StartReply> {
    const entry = this.#entries.get(id);
    if (!entry) throw new Failure('not_found', '没有这个录制预留 No such reservation');
    if (entry.recorder) throw new Failure('conflict', '该录制已开始 This recorder has started');
    if (body.streams.length !== entry.destinations.length) {
      throw new Failure(
        'invalid_request',
        `流的数量与预留不符 ${body.streams.length} streams for ${entry.destinations.length} reserved`,
        { details: [{ field: 'body/streams', message: 'must match the reservation' }] },
      );
    }
    const dir = this.#folder(body.folder);
    await mkdir(dir, { recursive: true });
    const { recorder, file } = await this.#host().start({
      dir,
      segmentId: body.segment,
      destinations: entry.destinations,
      streams: body.streams,
    });
    entry.recorder = recorder;
    entry.followedAt = this.#now();
    void recorder.exited.then((exit) => {
      entry.exit = {
        running: false,
        code: exit.code,
        signal: exit.signal,
        asked: exit.asked,
        stderr: recorder.stderr,
      };
      entry.endedAt = this.#now();
    });
    return { file: `${body.folder}/${file}`, ...(recorder.pid ? { pid: recorder.pid } : {}) };
  }

  /** How the recorder ended, waiting up to `waitMs` for it. */
  async exit(id: string, waitMs: number): Promise<ExitReply> {
    const entry = this.#startedEntry(id);
    entry.followedAt = this.#now();
    if (entry.exit) return entry.exit;
    await Promise.race([entry.recorder!.exited, new Promise((r) => setTimeout(r, waitMs).unref())]);
    // `exited` has resolved, but its `then` above may not have run yet.
    await Promise.resolve();
    return entry.exit ?? { running: true };
  }

  async stop(id: string): Promise<ExitReply> {
    const entry = this.#startedEntry(id);
    await entry.recorder!.stop();
    await Promise.resolve();
    return entry.exit ?? { running: true };
  }

  /** Stops every recorder (the agent is shutting down): each file gets its index. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.all(
      [...this.#entries.values()].map((e) => (e.exit ? undefined : e.recorder?.stop())),
    );
  }

  #startedEntry(id: string): Entry {
    const entry = this.#entries.get(id);
    if (!entry?.recorder) throw new Failure('not_found', '没有这个录制 No such recorder');
    return entry;
  }

  #folder(folder: string): string {
    const root = resolve(this.#o.root);
    const dir = resolve(root, folder);
    // The schema already refuses separators; this keeps it so if the schema ever changes.
    if (!dir.startsWith(root + sep)) {
      throw new Failure('invalid_request', '录制目录无效 Bad folder', {
        details: [{ field: 'body/folder', message: 'must stay inside the recording folder' }],
      });
    }
    return dir;
  }

  #host() {
    return localRecorderHost({
      ffmpegPath: this.#o.ffmpegPath,
      portRange: this.#o.portRange,
      log: this.#o.log,
    });
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, e] of this.#entries) {
      const stale = !e.recorder && now - e.reservedAt > RESERVATION_MS;
      const read = e.endedAt !== undefined && now - e.endedAt > EXIT_KEPT_MS;
      if (stale || read) this.#entries.delete(id);
      else if (e.recorder && !e.exit && now - e.followedAt > LEASE_MS) {
        this.#o.log.warn({ recorder: id }, 'recorder not followed by its node: stopping it');
        void e.recorder.stop();
      }
    }
  }
}
