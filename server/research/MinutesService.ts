// The minutes of each research session as one Y.Doc. An update is checked, persisted with
// an awaited write, and only then applied, broadcast and acknowledged: an acknowledged
// edit survives any crash. The store is the truth; the docs here are caches.
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

interface Session {
  doc: Y.Doc;
  /** updates appended by this node since the last compaction */
  sinceCompaction: number;
  queue: Promise<unknown>;
}

export class MinutesService extends EventEmitter<MinutesEvents> {
  readonly #repo: ResearchRepository;
  readonly #compactEvery: number;
  readonly #sessions = new Map<string, Session>();

  constructor(repo: ResearchRepository, options: { compactEvery?: number } = {}) {
    super();
    this.#repo = repo;
    this.#compactEvery = options.compactEvery ?? 200;
  }

  #session(id: string): Session {
    let s = this.#sessions.get(id);
    if (!s) {
      s = { doc: new Y.Doc(), sinceCompaction: 0, queue: Promise.resolve() };
      this.#sessions.set(id, s);
    }
    return s;
  }

  /** One job at a time per session: appends and compactions never interleave. */
  #serial<T>(id: string, job: (s: Session) => Promise<T>): Promise<T> {
    const s = this.#session(id);
    const run = s.queue.then(() => job(s));
    s.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Re-reads the stored updates into the doc (idempotent in Yjs): another node may have
   * written since, and a join must see everything acknowledged anywhere.
   */
  async #refresh(id: string, s: Session): Promise<void> {
    const updates = await this.#repo.updates(id);
    if (updates.length > 0) Y.applyUpdate(s.doc, Y.mergeUpdates(updates), 'store');
  }

  /** Everything the holder of `stateVector` lacks (all of it without one). */
  state(id: string, stateVector?: Uint8Array): Promise<Uint8Array> {
    return this.#serial(id, async (s) => {
      await this.#refresh(id, s);
      return Y.encodeStateAsUpdate(s.doc, stateVector);
    });
  }

  /** Section key → text, from the store. */
  text(id: string, keys: readonly string[]): Promise<Record<string, string>> {
    return this.#serial(id, async (s) => {
      await this.#refresh(id, s);
      return Object.fromEntries(keys.map((k) => [k, s.doc.getText(k).toString()]));
    });
  }

  /**
   * Checks the update touches only the given sections, appends it durably, then applies
   * it and emits it. Rejects (InvalidUpdateError) before writing anything if it is bad.
   */
  apply(
    id: string,
    update: Uint8Array,
    origin: string,
    sections: readonly string[],
  ): Promise<void> {
    assertUpdateFits(update, sections);
    return this.#serial(id, async (s) => {
      await this.#repo.appendUpdate(id, update);
      Y.applyUpdate(s.doc, update, origin);
      this.emit('update', id, update, origin);
      if (++s.sinceCompaction >= this.#compactEvery) await this.#compact(id, s);
    });
  }

  /** Merges the stored log into one update (also done every `compactEvery` updates). */
  compact(id: string): Promise<void> {
    return this.#serial(id, (s) => this.#compact(id, s));
  }

  async #compact(id: string, s: Session): Promise<void> {
    const updates = await this.#repo.updates(id);
    s.sinceCompaction = 0;
    if (updates.length < 2) return;
    await this.#repo.compact(id, Y.mergeUpdates(updates), updates.length);
  }

  /** Compacts and drops the cached doc: for a session that closed. */
  async unload(id: string): Promise<void> {
    if (!this.#sessions.has(id)) return;
    await this.compact(id);
    this.#sessions.get(id)?.doc.destroy();
    this.#sessions.delete(id);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#sessions.values()].map((s) => s.queue));
    for (const s of this.#sessions.values()) s.doc.destroy();
    this.#sessions.clear();
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
