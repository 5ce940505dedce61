// The recordings of this server: one RoomRecorder per room being recorded, each in its own
// folder under the recording directory, and what the routes read back.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest, RecordingView } from '../../shared/recording';
import { readEvents } from './EventLog';
import { readManifest } from './ManifestFile';
import { RoomRecorder, type RecordableRoom, type RoomRecorderDeps } from './RoomRecorder';

export interface RecordingsOptions {
  /** the folder of all recordings (DATA_DIR/recordings by default) */
  root: string;
  findRoom: (roomId: string) => RecordableRoom | undefined;
  deps: RoomRecorderDeps;
}

/** Folder names come from occurrence ids: keep them to safe characters. */
export function recordingFolder(recordingId: string): string {
  return recordingId.replace(/[^A-Za-z0-9_.:@-]/g, '_');
}

export class Recordings {
  readonly root: string;
  readonly #o: RecordingsOptions;
  readonly #active = new Map<string, Promise<RoomRecorder>>();
  /** recordings closing their files: still recording until their manifest says stopped */
  readonly #stopping = new Map<string, Promise<Manifest | undefined>>();
  #closed = false;

  constructor(options: RecordingsOptions) {
    this.root = options.root;
    this.#o = options;
  }

  dirOf(recordingId: string): string {
    return join(this.root, recordingFolder(recordingId));
  }

  isRecording(recordingId: string): boolean {
    return this.#active.has(recordingId) || this.#stopping.has(recordingId);
  }

  /** The running recorder of a recording, if any (tests reach its segments). */
  active(recordingId: string): Promise<RoomRecorder> | undefined {
    return this.#active.get(recordingId);
  }

  /** Starts (or continues, after a restart) recording a room; idempotent. */
  start(
    recordingId: string,
    roomId: string,
    kind: Manifest['kind'],
    communityId?: string,
  ): Promise<RoomRecorder> {
    if (this.#closed) return Promise.reject(new Error('recordings closed'));
    let running = this.#active.get(recordingId);
    if (!running) {
      // A lesson reopened while its recorder still closes continues the same manifest.
      const previous = this.#stopping.get(recordingId) ?? Promise.resolve();
      running = previous.then(() =>
        RoomRecorder.start(
          {
            recordingId,
            roomId,
            kind,
            ...(communityId ? { communityId } : {}),
            dir: this.dirOf(recordingId),
            findRoom: () => this.#o.findRoom(roomId),
          },
          this.#o.deps,
        ),
      );
      this.#active.set(recordingId, running);
      running.catch(() => this.#active.delete(recordingId));
    }
    return running;
  }

  stop(recordingId: string): Promise<Manifest | undefined> {
    const stopping = this.#stopping.get(recordingId);
    if (stopping) return stopping;
    const running = this.#active.get(recordingId);
    if (!running) return Promise.resolve(undefined);
    this.#active.delete(recordingId);
    const done = (async () => {
      const recorder = await running;
      await recorder.stop();
      return recorder.manifest;
    })().finally(() => this.#stopping.delete(recordingId));
    this.#stopping.set(recordingId, done);
    return done;
  }

  async view(recordingId: string): Promise<RecordingView | undefined> {
    const dir = this.dirOf(recordingId);
    await this.#stopping.get(recordingId)?.catch(() => undefined);
    const running = this.#active.get(recordingId);
    const manifest = running ? (await running).manifest : await readManifest(dir);
    if (!manifest) return undefined;
    const events = await readEvents(dir);
    let bytes = 0;
    for (const s of manifest.segments) {
      bytes +=
        s.bytes ??
        (await stat(join(dir, s.file)).then(
          (x) => x.size,
          () => 0,
        ));
    }
    const seconds = ((manifest.endedAt ?? this.#o.deps.now()) - manifest.startedAt) / 1000;
    const mbPerHour = seconds > 0 ? Math.round((bytes / 1e6 / seconds) * 3600 * 10) / 10 : 0;
    return { manifest, events, bytes, mbPerHour };
  }

  /**
   * Deletes a recording's files (segments, event log, export). Not while it records:
   * false then, and for one that is not there.
   */
  async remove(recordingId: string): Promise<boolean> {
    if (this.isRecording(recordingId)) return false;
    const dir = this.dirOf(recordingId);
    if (!(await readManifest(dir))) return false;
    await rm(dir, { recursive: true, force: true });
    return true;
  }

  /** Recording ids that have a folder (for retention and listings). */
  async list(): Promise<string[]> {
    return readdir(this.root).catch(() => []);
  }

  /** Server shutdown: every recording ends its segments cleanly. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(
      [...this.#active.keys(), ...this.#stopping.keys()].map((id) => this.stop(id)),
    );
  }
}
