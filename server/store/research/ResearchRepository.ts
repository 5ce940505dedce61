/**
 * The minutes of each research session as the Yjs updates that built them. Every update
 * is appended durably before it is acknowledged; compaction replaces a prefix of the log
 * with one merged update, atomically, so a crash in between loses nothing.
 */
export interface ResearchRepository {
  appendUpdate(sessionId: string, update: Uint8Array): Promise<void>;
  /** In append order (a compacted prefix first). */
  updates(sessionId: string): Promise<Uint8Array[]>;
  /** Replaces the first `count` stored updates with `merged`. */
  compact(sessionId: string, merged: Uint8Array, count: number): Promise<void>;
}
