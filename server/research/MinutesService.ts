// The minutes of each research session as Yjs updates. An update is checked, persisted
// with an awaited write, and only then emitted and acknowledged: an acknowledged edit
// survives any crash. The store is the only truth (several nodes may serve one session),
// so reads merge the stored log instead of trusting a doc cached in this process.
import { EventEmitter } from 'node:events';
import * as Y from 'yjs';
import type { ResearchRepository } from '../store/research/ResearchRepository';

export interface MinutesEvents {
  /** a durable update from `origin` (a socket id), for broadcasting to the others */
  update: [sessionId: string, update: Uint8Array, origin: string];
}

export class InvalidUpdateError extends Error {
  override name = 'InvalidUpdateError';
}

export class MinutesService extends EventEmitter<MinutesEvents> {
  readonly #repo: ResearchRepository;
  readonly #compactEvery: number;
  /** per session: the tail of its job queue, dropped when the queue drains */
  readonly #queues = new Map<string, Promise<unknown>>();
  /** per session: updates appended by this node since its last compaction */
  readonly #sinceCompaction = new Map<string, number>();

  constructor(repo: ResearchRepository, options: { compactEvery?: number } = {}) {
    super();
    this.#repo = repo;
    this.#compactEvery = options.compactEvery ?? 200;
  }

  /** One job at a time per session: appends and compactions never interleave. */
  #serial<T>(id: string, job: () => Promise<T>): Promise<T> {
    const run = (this.#queues.get(id) ?? Promise.resolve()).then(job);
    const tail = run.catch(() => undefined);
    this.#queues.set(id, tail);
    void tail.then(() => {
      if (this.#queues.get(id) === tail) this.#queues.delete(id);
    });
    return run;
  }

  async #merged(id: string): Promise<Uint8Array> {
    const updates = await this.#repo.updates(id);
    return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
  }

  /** Everything the holder of `stateVector` lacks (all of it without one). */
  async state(id: string, stateVector?: Uint8Array): Promise<Uint8Array> {
    const merged = await this.#merged(id);
    return stateVector ? Y.diffUpdate(merged, stateVector) : merged;
  }

  /** Section key → text, as stored. */
  async text(id: string, keys: readonly string[]): Promise<Record<string, string>> {
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, await this.#merged(id));
      return Object.fromEntries(keys.map((k) => [k, doc.getText(k).toString()]));
    } finally {
      doc.destroy();
    }
  }

  /**
   * Checks the update touches only the given sections, appends it durably, then emits it.
   * Rejects (InvalidUpdateError) before writing anything if it is bad.
   */
  apply(
    id: string,
    update: Uint8Array,
    origin: string,
    sections: readonly string[],
  ): Promise<void> {
    assertUpdateFits(update, sections);
    return this.#serial(id, async () => {
      await this.#repo.appendUpdate(id, update);
      this.emit('update', id, update, origin);
      const count = (this.#sinceCompaction.get(id) ?? 0) + 1;
      this.#sinceCompaction.set(id, count);
      if (count >= this.#compactEvery) await this.#compact(id);
    });
  }

  /** Merges the stored log into one update (also done every `compactEvery` updates). */
  compact(id: string): Promise<void> {
    return this.#serial(id, () => this.#compact(id));
  }

  async #compact(id: string): Promise<void> {
    this.#sinceCompaction.delete(id);
    const updates = await this.#repo.updates(id);
    if (updates.length < 2) return;
    await this.#repo.compact(id, Y.mergeUpdates(updates), updates.length);
  }

  /** Waits for the session's pending writes and compacts it: for a session that closed. */
  unload(id: string): Promise<void> {
    return this.compact(id);
  }

  /** Resolves once every queued write has finished. */
  async close(): Promise<void> {
    await Promise.all([...this.#queues.values()]);
  }
}

/**
 * A malformed update would be stored and then break every later load, so it is decoded
 * first; top-level content must land in one of the session's sections.
 */
export function assertUpdateFits(update: Uint8Array, sections: readonly string[]): void {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    throw new InvalidUpdateError('not a Yjs update');
  }
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Item && typeof struct.parent === 'string') {
      if (!sections.includes(struct.parent)) {
        throw new InvalidUpdateError(`unknown section ${struct.parent}`);
      }
    }
  }
}
