// Recorders on a recorder agent (server/recorderAgent): the worker taps each stream to the
// agent's address, the agent's ffmpeg writes into the storage both machines share. When
// the agent cannot be reached the segment is recorded here instead (a lesson not recorded
// is worse than the CPU it costs), and the log says so.
import { basename } from 'node:path';
import type { TSchema, Static } from '@sinclair/typebox';
import { ExitReply, ReserveReply, StartReply, type StartBody } from '../../shared/recorderAgent';
import { check } from '../../shared/validation';
import type { Recorder, RecorderExit, RecorderHost } from './recorderHost';
import type { RtpDestination } from './sdp';

export interface RemoteHostOptions {
  url: string;
  token: string;
  /** where a segment is recorded when the agent does not answer */
  fallback: RecorderHost;
  log: { warn(obj: object, msg: string): void };
}

/** each request's own limit; an exit poll waits `POLL_WAIT_MS` on top */
const REQUEST_MS = 5000;
const POLL_WAIT_MS = 20_000;
/** the agent's stop: the BYE, then its signals (server/recording/RecorderProcess.ts) */
const STOP_WAIT_MS = 6000;
/** an agent that did not answer this many polls in a row has lost the recorder */
const POLLS_LOST = 3;

class AgentError extends Error {}

async function call<S extends TSchema>(
  o: RemoteHostOptions,
  method: string,
  path: string,
  reply: S,
  body?: unknown,
  waitMs = 0,
): Promise<Static<S>> {
  const response = await fetch(new URL(path, o.url), {
    method,
    headers: {
      authorization: `Bearer ${o.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(REQUEST_MS + waitMs),
  });
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = (json as { message?: string } | undefined)?.message ?? response.statusText;
    throw new AgentError(`recorder agent ${method} ${path}: ${response.status} ${message}`);
  }
  const checked = check(reply, json);
  if (!checked.ok) throw new AgentError(`recorder agent ${method} ${path}: unexpected reply`);
  return checked.value;
}

class RemoteRecorder implements Recorder {
  readonly exited: Promise<RecorderExit>;
  #asked = false;
  #stderr = '';
  #resolve!: (exit: RecorderExit) => void;

  constructor(
    readonly o: RemoteHostOptions,
    readonly id: string,
    readonly pid: number | undefined,
  ) {
    this.exited = new Promise((resolve) => (this.#resolve = resolve));
    void this.#follow();
  }

  get stderr(): string {
    return this.#stderr;
  }

  async stop(): Promise<RecorderExit> {
    if (this.#asked) return this.exited;
    this.#asked = true;
    try {
      const exit = await call(
        this.o,
        'POST',
        `/recorders/${this.id}/stop`,
        ExitReply,
        undefined,
        STOP_WAIT_MS,
      );
      this.#ended(exit);
    } catch (error) {
      this.#lost((error as Error).message);
    }
    return this.exited;
  }

  async #follow(): Promise<void> {
    let missed = 0;
    /** the first poll of a run of failures: the agent was lost then, not when we gave up */
    let lostAt = 0;
    for (;;) {
      try {
        const exit = await call(
          this.o,
          'GET',
          `/recorders/${this.id}/exit?waitMs=${POLL_WAIT_MS}`,
          ExitReply,
          undefined,
          POLL_WAIT_MS,
        );
        missed = 0;
        if (this.#ended(exit)) return;
      } catch (error) {
        if (missed === 0) lostAt = Date.now();
        // A recorder the agent no longer knows (it restarted) is gone at once.
        if (/: 404 /.test((error as Error).message) || ++missed >= POLLS_LOST) {
          this.#lost((error as Error).message, lostAt);
          return;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  #ended(exit: ExitReply): boolean {
    if (exit.running) return false;
    this.#stderr = exit.stderr;
    this.#resolve({
      code: exit.code,
      signal: exit.signal,
      asked: exit.asked || this.#asked,
    });
    return true;
  }

  #lost(why: string, at?: number): void {
    this.#stderr = why;
    this.#resolve({ code: null, signal: null, asked: this.#asked, ...(at ? { at } : {}) });
  }
}

export function remoteRecorderHost(o: RemoteHostOptions): RecorderHost {
  /** reservations on the agent, by the destinations it gave; absent: the fallback's */
  const reserved = new WeakMap<RtpDestination[], string>();
  return {
    async destinations(count) {
      try {
        const r = await call(o, 'POST', '/recorders', ReserveReply, { streams: count });
        reserved.set(r.destinations, r.id);
        return r.destinations;
      } catch (error) {
        o.log.warn(
          { err: (error as Error).message },
          'recorder agent unreachable: recording this segment on this node',
        );
        return o.fallback.destinations(count);
      }
    },
    async start(spec) {
      const id = reserved.get(spec.destinations);
      if (id === undefined) return o.fallback.start(spec);
      const body: StartBody = {
        folder: basename(spec.dir),
        segment: spec.segmentId,
        streams: spec.streams,
      };
      const started = await call(o, 'PUT', `/recorders/${id}`, StartReply, body);
      return {
        recorder: new RemoteRecorder(o, id, started.pid),
        file: basename(started.file),
      };
    },
  };
}
